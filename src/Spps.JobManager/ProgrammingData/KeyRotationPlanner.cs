using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Protocol;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Plans the ordered files of a KEY_ROTATION bitstream (SmartFusion 2 / IGLOO 2) following
/// <see cref="KeyRotationSequence"/>. File n is named <c>…_rotate_n_uksK</c>, K the key set whose key encrypts it;
/// with -auto_inc_design_version file n carries the design version plus n. See docs/decisions.md.
/// </summary>
internal static class KeyRotationPlanner
{
    public static IReadOnlyList<BitstreamPlan> Plan(EffectiveDesign effective, BitstreamEntry bitstream, IReadOnlyCollection<string> newKeys)
    {
        var keySets = effective.Die.HasUek3 ? 3 : 2;
        var first = int.Parse((bitstream.FirstKeyMode ?? "UEK1")[3..], System.Globalization.CultureInfo.InvariantCulture);
        var flags = SecurityComponent.Flags(effective.Policy);
        return [.. KeyRotationSequence.Files(first, keySets, newKeys).Select(file =>
        {
            var version = effective.Design.DesignVersion + (bitstream.AutoIncrementDesignVersion ? file.Number : 0);
            if (version > ushort.MaxValue)
            {
                throw new DomainException(
                    $"Key rotation file {file.Number} would carry design version {version}; a design version is at most {ushort.MaxValue}. Lower the JDC's design version or export without -auto_inc_design_version.",
                    "DESIGNVERSION", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var mode = Enum.Parse<KeyMode>("Uek" + file.EncryptingSet);
            var component = new PlannedComponent(ComponentType.Keys, mode, SecurityComponent.Policy(flags),
                [.. file.ProgrammedKeys.Select(key => (SecurityComponent.KeyId(key), new KeyUse(key, KeySource.Rotation)))]);
            return new BitstreamPlan($"_rotate_{file.Number}_uks{file.EncryptingSet}", BitstreamPlanner.Header(effective, bitstream, version, null),
                [component], new Dictionary<KeyMode, KeyUse> { [mode] = new KeyUse(file.EncryptingKey, file.EncryptedWithNewKey ? KeySource.Rotation : KeySource.Design) })
            {
                Rotation = new KeyRotationStep(first, keySets, file.Number, flags),
            };
        })];
    }
}
