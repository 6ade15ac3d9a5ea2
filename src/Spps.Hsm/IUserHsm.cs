using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm;

/// <summary>
/// The user-HSM (U-HSM) role as its callers see it. Nothing returned holds a plaintext key: keysets come back
/// wrapped, bitstreams encrypted.
/// </summary>
public interface IUserHsm : IHsmRole
{
    /// <summary>A new keyset: random keys, the imported ones, or a copy of <see cref="CreateKeysetRequest.Source"/> with imports replacing its keys.</summary>
    WrappedKeyset CreateKeyset(CreateKeysetRequest request);

    /// <summary>Checks that a keyset is under this module's master key and that every key in it is intact.</summary>
    KeysetCheck VerifyKeyset(WrappedKeyset keyset);

    /// <summary>Builds a bitstream by the HSM's sealing policy, resolving every key it needs inside the HSM; only ciphertext comes back.</summary>
    BuiltBitstream SealBitstream(SealBitstreamRequest request);
}
