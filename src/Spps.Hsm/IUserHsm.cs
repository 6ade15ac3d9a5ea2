using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm;

/// <summary>
/// The user-HSM role as its callers see it, the same whether the module runs in this process or behind a server.
/// Nothing returned holds a plaintext key: keysets come back wrapped.
/// </summary>
public interface IUserHsm
{
    ModuleInfo GetInfo();

    /// <summary>A new keyset: random keys, the imported ones, or a copy of <see cref="CreateKeysetRequest.Source"/> with imports replacing its keys.</summary>
    WrappedKeyset CreateKeyset(CreateKeysetRequest request);

    /// <summary>Checks that a keyset is under this module's master key and that every key in it is intact.</summary>
    KeysetCheck VerifyKeyset(WrappedKeyset keyset);

    /// <summary>Builds a bitstream, resolving every key it needs inside the HSM; only ciphertext comes back.</summary>
    BuiltBitstream SealBitstream(SealBitstreamRequest request);
}
