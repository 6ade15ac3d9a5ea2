using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm;
using Spps.Hsm.Protocol;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Builds a planned bitstream in the U-HSM (HSM flow): the plan's key uses become references into the Programming
/// Data's keyset ("design") and its rotation keyset ("rotation"); the HSM resolves them and returns ciphertext.
/// </summary>
internal static class HsmBitstreamSealer
{
    public static BuiltBitstream Seal(BitstreamPlan plan, IUserHsm hsm, WrappedKeyset design, WrappedKeyset? rotation)
    {
        var keysets = new Dictionary<string, WrappedKeyset> { ["design"] = design };
        if (plan.KeyUses.Any(use => use.Source == KeySource.Rotation))
        {
            keysets["rotation"] = rotation ?? throw new JobManagerException(
                "The key rotation files need the new keys' keyset: set it with set_new_keys_for_rotation -keyset_file.", "NOROTATIONKEYS");
        }

        var request = new SealBitstreamRequest
        {
            Header = plan.Header,
            Components = [.. plan.Components.Select(c => new SealComponent(c.Type, c.Mode, c.Payload, [.. c.KeyRecords.Select(r => new KeyInsert(r.Id, Reference(r.Key)))]))],
            Keysets = keysets,
            ModeKeys = plan.ModeKeys.ToDictionary(pair => pair.Key.ToString(), pair => Reference(pair.Value)),
        };
        try
        {
            return hsm.SealBitstream(request);
        }
        catch (HsmException error)
        {
            throw Application.HsmConnector.HsmError(error);
        }
    }

    private static KeyReference Reference(KeyUse use) => new(use.Source == KeySource.Design ? "design" : "rotation", use.Key, use.PerDevice);
}
