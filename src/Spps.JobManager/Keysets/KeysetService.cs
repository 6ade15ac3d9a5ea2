using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Files;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;
using Spps.Hsm;
using Spps.JobManager.Application;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;
using Spps.Workspace;

namespace Spps.JobManager.Keysets;

/// <summary>
/// Keyset management: <c>create_keyset</c> in its three scenarios and <c>report_keyset</c>. Everything is checked
/// before the HSM is asked; the file is written whole and only as a new file, never over an existing one.
/// </summary>
/// <param name="clock">The creation time written into keyset files (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set).</param>
public sealed class KeysetService(KeysetRepository repository, HsmConnector connector, TimeProvider clock)
{
    /// <summary>Creates <paramref name="fileName"/> in the keyset repository and returns its path.</summary>
    /// <param name="keyValues">Key values by upper-case key name, as typed (64 hex digits).</param>
    public string Create(string fileName, string? sourceFileName, IReadOnlyDictionary<string, string> keyValues, Action<string> info)
    {
        var target = repository.PathOf(fileName, "file");
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new DomainException(
                $"The keyset file '{target}' already exists. create_keyset never overwrites, renames or deletes a keyset; choose another name.", "EXISTS", target);
        }

        Writable.Check(target); // before the HSM makes (and audits) a keyset that could not be saved

        var source = sourceFileName is null ? null : repository.Read(sourceFileName, "source_file").Keyset;
        var imports = keyValues.ToDictionary(pair => pair.Key, pair => KeyValueText.Parse(KeyNames.OptionName(pair.Key), pair.Value), StringComparer.Ordinal);
        try
        {
            WrappedKeyset keyset;
            using (var hsm = connector.ConnectUser(info))
            {
                keyset = hsm.CreateKeyset(new CreateKeysetRequest(imports, source));
            }

            var content = KeysetContainer.ToBytes(keyset, ProgramIdentity.Creator, clock.UtcNowToTheSecond());
            if (!AtomicFile.TryWriteNew(target, content))
            {
                throw new DomainException($"The keyset file '{target}' appeared while it was being created; it was left as it is.", "EXISTS", target);
            }

            info($"Created keyset '{fileName}' in '{Path.GetDirectoryName(target)}': keyset {keyset.KeysetId} under master key {keyset.MasterKeyUuid}, " +
                 $"{keyValues.Count} key(s) imported" + (source is null ? "." : $", the rest copied from '{sourceFileName}'."));
            return target;
        }
        finally
        {
            foreach (var value in imports.Values)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }
    }

    public KeysetReport Report(string fileName)
    {
        var path = repository.PathOf(fileName, "file");
        var (keyset, created, creator) = repository.Read(fileName, "file");
        return new KeysetReport(path, keyset.KeysetId, keyset.MasterKeyUuid, created, creator,
            [.. KeyNames.Token.Where(keyset.WrappedKeys.ContainsKey)], [.. KeyNames.Base.Where(keyset.WrappedKeys.ContainsKey)]);
    }
}
