using Spps.Formats.Keysets;

namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the U-HSM for a new keyset. <see cref="Imports"/> are plaintext key values the user gave (by upper-case key
/// name, 32 bytes each) travelling into the HSM; <see cref="Source"/> is an existing keyset to copy.
/// </summary>
public sealed record CreateKeysetRequest(IReadOnlyDictionary<string, byte[]> Imports, WrappedKeyset? Source);
