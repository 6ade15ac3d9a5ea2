using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;
using Spps.Hsm;
using Spps.Workspace.Settings;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Builds a planned bitstream of the HSM flow in the U-HSM. The request says only what kind of bitstream it is and
/// gives its public parts (header, plain design components, policy flags) with the Programming Data's keyset and its
/// rotation keyset; the HSM decides which keys encrypt it and which it programs, and returns ciphertext.
/// </summary>
internal static class HsmBitstreamSealer
{
    public static BuiltBitstream Seal(BitstreamPlan plan, IUserHsm hsm, WrappedKeyset design, WrappedKeyset? rotation)
    {
        if (plan.Rotation is not null && rotation is null)
        {
            throw new DomainException(
                "The key rotation files need the new keys' keyset: set it with set_new_keys_for_rotation -keyset_file.", "NOROTATIONKEYS");
        }

        var request = new SealBitstreamRequest
        {
            Header = plan.Header,
            Components = plan.Rotation is null ? [.. plan.Components.Select(c => new PlainComponent(c.Type, c.Payload))] : [],
            Keyset = design,
            NewKeyset = plan.Rotation is null ? null : rotation,
            PerDevice = plan.ModeKeys.Values.Any(use => use.PerDevice),
            Rotation = plan.Rotation,
        };
        return hsm.SealBitstream(request);
    }
}
