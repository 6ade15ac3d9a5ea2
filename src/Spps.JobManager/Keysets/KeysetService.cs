using System.Security.Cryptography;
using Spps.Formats.Containers;
using Spps.Formats.Files;
using Spps.Formats.Keysets;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.JobManager.Application;
using Spps.JobManager.Storage;

namespace Spps.JobManager.Keysets;

/// <summary>
/// Keyset management: <c>create_keyset</c> in its three scenarios and <c>report_keyset</c>. Everything is checked
/// before the HSM is asked; the file is written whole and only as a new file, never over an existing one.
/// </summary>
/// <param name="clock">The creation time written into keyset files (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set).</param>
public sealed class KeysetService(SettingsStore settings, HsmConnector connector, TimeProvider clock)
{
    /// <summary>Creates <paramref name="fileName"/> in the keyset repository and returns its path.</summary>
    /// <param name="keyValues">Key values by upper-case key name, as typed (64 hex digits).</param>
    public string Create(string fileName, string? sourceFileName, IReadOnlyDictionary<string, string> keyValues, Action<string> info)
    {
        KeysetFileName.Validate("file", fileName);
        var repository = Repository();
        var target = Path.Combine(repository, fileName);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new JobManagerException(
                $"The keyset file '{target}' already exists. create_keyset never overwrites, renames or deletes a keyset; choose another name.", "EXISTS", target);
        }

        Writable.Check(target); // before the HSM makes (and audits) a keyset that could not be saved

        var source = sourceFileName is null ? null : ReadKeyset(Path.Combine(repository, KeysetFileName.Validate("source_file", sourceFileName)), "source_file").Keyset;
        var imports = keyValues.ToDictionary(pair => pair.Key, pair => KeyValueText.Parse(KeysetKeys.OptionName(pair.Key), pair.Value), StringComparer.Ordinal);
        try
        {
            var (hsm, _) = connector.ConnectUser(info);
            WrappedKeyset keyset;
            try
            {
                keyset = hsm.CreateKeyset(new CreateKeysetRequest(imports, source));
            }
            catch (HsmException error)
            {
                throw HsmConnector.HsmError(error);
            }

            var content = KeysetContainer.ToBytes(keyset, $"jobmanager {SoftwareInfo.CurrentVersion}", clock.UtcNowToTheSecond());
            if (!AtomicFile.TryWriteNew(target, content))
            {
                throw new JobManagerException($"The keyset file '{target}' appeared while it was being created; it was left as it is.", "EXISTS", target);
            }

            info($"Created keyset '{fileName}' in '{repository}': keyset {keyset.KeysetId} under master key {keyset.MasterKeyUuid}, " +
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
        var path = Path.Combine(Repository(), KeysetFileName.Validate("file", fileName));
        var (keyset, created, creator) = ReadKeyset(path, "file");
        return new KeysetReport(path, keyset.KeysetId, keyset.MasterKeyUuid, created, creator,
            [.. KeysetKeys.TokenKeys.Where(keyset.WrappedKeys.ContainsKey)], [.. KeysetKeys.BaseKeys.Where(keyset.WrappedKeys.ContainsKey)]);
    }

    private string Repository()
    {
        var folder = settings.Load().KeysetDirectory
                     ?? throw new JobManagerException("No keyset repository is set. Use set_hsm_params -hsm_key_set_dir <folder> first.", "NOREPOSITORY");
        return Directory.Exists(folder)
            ? folder
            : throw new JobManagerException(
                $"The keyset repository '{folder}' {(File.Exists(folder) ? "is a file, not a folder" : "does not exist")}. Create it, or set another with set_hsm_params -hsm_key_set_dir.",
                "NOREPOSITORY", folder);
    }

    /// <summary>Reads a keyset file of the repository named by <paramref name="option"/>; a missing file, a folder or a bad container is refused by name.</summary>
    internal static KeysetFile ReadKeyset(string path, string option)
    {
        if (Directory.Exists(path))
        {
            throw new JobManagerException($"Parameter '{option}': '{path}' in the keyset repository is a folder; expecting a keyset file.", "NOTAFILE", "-" + option, path);
        }

        if (!File.Exists(path))
        {
            throw new JobManagerException($"Parameter '{option}': the keyset file '{path}' does not exist in the keyset repository.", "NOFILE", "-" + option, path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            return KeysetContainer.Read(stream, path);
        }
        catch (ContainerException error)
        {
            throw new JobManagerException(error.Message, "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new JobManagerException($"The keyset file '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }
}
