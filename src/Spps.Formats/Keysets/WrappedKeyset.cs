namespace Spps.Formats.Keysets;

/// <summary>
/// What a keyset file holds: the UUID of the U-HSM master key that protects it (in clear, to identify its
/// origin), the keyset's own id, its ticket key wrapped by the master key, and every key wrapped by the ticket key.
/// No plaintext key is ever part of it.
/// </summary>
/// <param name="GeneratedKeys">
/// The keys whose values the HSM generated itself and no client ever supplied (not imported with <c>create_keyset
/// -uek1 …</c>). The HSM binds this to each key's wrapping, so it cannot be changed unnoticed, and seals keys only
/// under such keys. A keyset file of format version 1 records none.
/// </param>
public sealed record WrappedKeyset(
    string MasterKeyUuid, string KeysetId, byte[] WrappedTicketKey, IReadOnlyDictionary<string, byte[]> WrappedKeys, IReadOnlyList<string> GeneratedKeys);
