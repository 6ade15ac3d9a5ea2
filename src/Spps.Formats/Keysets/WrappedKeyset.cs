namespace Spps.Formats.Keysets;

/// <summary>
/// What a keyset file holds: the UUID of the U-HSM master key that protects it (in clear, to identify its
/// origin), the keyset's own id, its ticket key wrapped by the master key, and every key wrapped by the ticket key.
/// No plaintext key is ever part of it.
/// </summary>
public sealed record WrappedKeyset(string MasterKeyUuid, string KeysetId, byte[] WrappedTicketKey, IReadOnlyDictionary<string, byte[]> WrappedKeys);
