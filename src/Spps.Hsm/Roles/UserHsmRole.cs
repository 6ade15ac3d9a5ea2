using System.Globalization;
using System.Security.Cryptography;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The user-HSM role: makes keysets. The ticket key is wrapped under the master key (bound to the master key's UUID
/// and the keyset id), every key under the ticket key (bound to the keyset id and the key's name). Plaintext exists
/// only inside these methods and is zeroed before they return.
/// </summary>
internal sealed class UserHsmRole(HsmModule module, string client) : IUserHsm
{
    public ModuleInfo GetInfo() => module.Info();

    public WrappedKeyset CreateKeyset(CreateKeysetRequest request)
    {
        try
        {
            var keyset = Create(request);
            module.Store.Audit(client, "create_keyset",
                $"ok: keyset {keyset.KeysetId}, {request.Imports.Count} key(s) imported" + (request.Source is { } source ? $", copied from keyset {source.KeysetId}" : string.Empty));
            return keyset;
        }
        catch (HsmException error)
        {
            module.Store.Audit(client, "create_keyset", "refused: " + error.Code);
            throw;
        }
    }

    public KeysetCheck VerifyKeyset(WrappedKeyset keyset)
    {
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        var plain = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            CryptographicOperations.ZeroMemory(OpenSource(keyset, master, module.Identity.UMasterHsmUuid, plain));
            module.Store.Audit(client, "verify_keyset", $"ok: keyset {keyset.KeysetId}");
            return new KeysetCheck(keyset.KeysetId, keyset.MasterKeyUuid, [.. KeysetKeys.All.Where(plain.ContainsKey)]);
        }
        catch (HsmException error)
        {
            module.Store.Audit(client, "verify_keyset", "refused: " + error.Code);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
            foreach (var value in plain.Values)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }
    }

    public BuiltBitstream SealBitstream(SealBitstreamRequest request)
    {
        try
        {
            var built = BitstreamSealer.Seal(request, module.Store.ReadSecret(HsmModule.MasterKey), module.Identity.UMasterHsmUuid);
            var perDevice = request.Header.Dsn is { } dsn ? $" for DSN {Convert.ToHexString(dsn)}" : string.Empty;
            module.Store.Audit(client, "seal_bitstream",
                $"ok: design '{request.Header.DesignName}', {request.Components.Count} component(s){perDevice}, keysets {string.Join(", ", request.Keysets.Values.Select(k => k.KeysetId))}");
            return built;
        }
        catch (HsmException error)
        {
            module.Store.Audit(client, "seal_bitstream", "refused: " + error.Code);
            throw;
        }
    }

    internal static string TicketKeyPurpose(string masterUuid, string keysetId) => $"spps-keyset-ticket-key|{masterUuid}|{keysetId}";

    internal static string KeyPurpose(string keysetId, string key) => $"spps-keyset-key|{keysetId}|{key}";

    private WrappedKeyset Create(CreateKeysetRequest request)
    {
        foreach (var (name, value) in request.Imports)
        {
            if (!KeysetKeys.All.Contains(name) || value.Length != KeysetKeys.KeyBytes)
            {
                throw new HsmException("BADREQUEST", $"The imported key '{name}' is not a {KeysetKeys.KeyBytes}-byte keyset key.");
            }
        }

        var masterUuid = module.Identity.UMasterHsmUuid;
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        var plain = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[]? ticket = null;
        try
        {
            ticket = request.Source is { } source ? OpenSource(source, master, masterUuid, plain) : RandomNumberGenerator.GetBytes(32);
            foreach (var key in KeysetKeys.All)
            {
                if (request.Imports.TryGetValue(key, out var imported))
                {
                    Replace(plain, key, imported.ToArray());
                }
                else if (!plain.ContainsKey(key))
                {
                    plain[key] = RandomNumberGenerator.GetBytes(KeysetKeys.KeyBytes);
                }
            }

            var keysetId = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            var wrapped = plain.ToDictionary(pair => pair.Key, pair => AeadWrap.Wrap(ticket, pair.Value, KeyPurpose(keysetId, pair.Key)), StringComparer.Ordinal);
            return new WrappedKeyset(masterUuid, keysetId, AeadWrap.Wrap(master, ticket, TicketKeyPurpose(masterUuid, keysetId)), wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
            if (ticket is not null)
            {
                CryptographicOperations.ZeroMemory(ticket);
            }

            foreach (var value in plain.Values)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }
    }

    internal static byte[] OpenSource(WrappedKeyset source, byte[] master, string masterUuid, Dictionary<string, byte[]> plain)
    {
        if (!string.Equals(source.MasterKeyUuid, masterUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new HsmException("FOREIGN_KEYSET",
                $"The keyset is protected by master key {source.MasterKeyUuid}, not by this U-HSM's master key {masterUuid}.");
        }

        var ticket = AeadWrap.TryUnwrap(master, source.WrappedTicketKey, TicketKeyPurpose(masterUuid, source.KeysetId))
                     ?? throw new HsmException("FOREIGN_KEYSET",
                         "The keyset's ticket key is not under this U-HSM's master key (the file was altered, or made by another module with the same master key UUID).");
        foreach (var (key, wrapped) in source.WrappedKeys)
        {
            plain[key] = AeadWrap.TryUnwrap(ticket, wrapped, KeyPurpose(source.KeysetId, key))
                         ?? throw new HsmException("CORRUPT_KEYSET", $"The keyset's key {key} does not decrypt under its ticket key (the file was altered).");
        }

        return ticket;
    }

    private static void Replace(Dictionary<string, byte[]> plain, string key, byte[] value)
    {
        if (plain.Remove(key, out var previous))
        {
            CryptographicOperations.ZeroMemory(previous);
        }

        plain[key] = value;
    }
}
