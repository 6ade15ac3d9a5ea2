using System.Globalization;
using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Formats.Production;

namespace Spps.Hsm.Roles;

/// <summary>
/// A keyset opened inside the HSM: its ticket key, its plaintext keys, and which of them the HSM generated itself.
/// The ticket key is wrapped under the master key (bound to the master key's UUID and the keyset id), every key under
/// the ticket key (bound to the keyset id, the key's name and whether the HSM generated it, so a file cannot claim a
/// supplied key as generated). Disposing zeroes every plaintext.
/// </summary>
internal sealed class OpenedKeyset : IDisposable
{
    private readonly Dictionary<string, byte[]> _keys;
    private readonly HashSet<string> _generated;

    private OpenedKeyset(string keysetId, byte[] ticketKey, Dictionary<string, byte[]> keys, HashSet<string> generated)
    {
        KeysetId = keysetId;
        TicketKey = ticketKey;
        _keys = keys;
        _generated = generated;
    }

    public string KeysetId { get; }

    public byte[] TicketKey { get; }

    public IReadOnlyCollection<string> Names => _keys.Keys;

    public static string TicketKeyPurpose(string masterUuid, string keysetId) => $"spps-keyset-ticket-key|{masterUuid}|{keysetId}";

    public static string KeyPurpose(string keysetId, string key, bool generated) =>
        $"spps-keyset-key|{keysetId}|{key}" + (generated ? "|generated" : string.Empty);

    public bool IsGenerated(string key) => _generated.Contains(key);

    /// <summary>The plaintext of <paramref name="key"/>, owned by this keyset (zeroed when it is disposed).</summary>
    public byte[] Key(string key) => _keys.TryGetValue(key, out var value)
        ? value
        : throw new HsmException("BADREQUEST", $"The keyset {KeysetId} has no {key}.");

    /// <summary>Opens a keyset under this module's master key; refuses one made by another module or altered.</summary>
    public static OpenedKeyset Open(WrappedKeyset source, byte[] master, string masterUuid)
    {
        CheckShape(source);
        if (!string.Equals(source.MasterKeyUuid, masterUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new HsmException("FOREIGN_KEYSET",
                $"The keyset is protected by master key {source.MasterKeyUuid}, not by this U-HSM's master key {masterUuid}.");
        }

        var ticket = AeadWrap.TryUnwrap(master, source.WrappedTicketKey, TicketKeyPurpose(masterUuid, source.KeysetId))
                     ?? throw new HsmException("FOREIGN_KEYSET",
                         "The keyset's ticket key is not under this U-HSM's master key (the file was altered, or made by another module with the same master key UUID).");
        var opened = new OpenedKeyset(source.KeysetId, ticket, new Dictionary<string, byte[]>(StringComparer.Ordinal), [.. source.GeneratedKeys]);
        try
        {
            foreach (var (key, wrapped) in source.WrappedKeys)
            {
                opened._keys[key] = AeadWrap.TryUnwrap(ticket, wrapped, KeyPurpose(source.KeysetId, key, opened.IsGenerated(key)))
                                    ?? throw new HsmException("CORRUPT_KEYSET", $"The keyset's key {key} does not decrypt under its ticket key (the file was altered).");
            }

            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new keyset (new id) of <paramref name="keys"/> under <paramref name="ticket"/>, the ticket key wrapped under the
    /// master key; <paramref name="generated"/> names the keys the HSM generated.
    /// </summary>
    public static WrappedKeyset Wrap(byte[] master, string masterUuid, byte[] ticket, IReadOnlyDictionary<string, byte[]> keys, IReadOnlySet<string> generated)
    {
        var keysetId = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var wrapped = keys.ToDictionary(pair => pair.Key, pair => AeadWrap.Wrap(ticket, pair.Value, KeyPurpose(keysetId, pair.Key, generated.Contains(pair.Key))),
            StringComparer.Ordinal);
        return new WrappedKeyset(masterUuid, keysetId, AeadWrap.Wrap(master, ticket, TicketKeyPurpose(masterUuid, keysetId)), wrapped,
            [.. KeyNames.Keyset.Where(generated.Contains)]);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(TicketKey);
        foreach (var value in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    // A keyset arrives as JSON from any enrolled client: every part must be there before any is used.
    private static void CheckShape(WrappedKeyset source)
    {
        var problem = source switch
        {
            { MasterKeyUuid: null } or { KeysetId: null } or { WrappedTicketKey: null } or { WrappedKeys: null } or { GeneratedKeys: null } => "a part is missing",
            _ when !Guid.TryParseExact(source.KeysetId, "D", out _) => "its id is not a UUID",
            _ when !Guid.TryParseExact(source.MasterKeyUuid, "D", out _) => "its master key UUID is not a UUID",
            _ when source.WrappedKeys.Any(pair => !KeyNames.Keyset.Contains(pair.Key) || pair.Value is null) => "it holds an unknown or empty key",
            _ when source.GeneratedKeys.Any(key => key is null || !source.WrappedKeys.ContainsKey(key)) => "it calls a key generated that it does not hold",
            _ => null,
        };
        if (problem is not null)
        {
            throw new HsmException("BADREQUEST", $"The keyset is malformed: {problem}.");
        }
    }
}
