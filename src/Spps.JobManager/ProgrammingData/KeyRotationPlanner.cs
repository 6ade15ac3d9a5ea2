using Spps.Formats.Bitstreams;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// The ordered files of a KEY_ROTATION bitstream (SmartFusion 2 / IGLOO 2). A device decrypts a file with a key it
/// holds now, so a user key set cannot replace itself: the first files, encrypted with the -first_keymode key set's
/// current key, program the new keys of every other key set; the last file, encrypted with a key set already
/// rotated (or still holding its old value when it is not rotated), programs the first key set's new keys and DPK.
/// Key set 1 is UPK1/UEK1, 2 is UPK2/UEK2, 3 is UEK3. File n is named <c>…_rotate_n_uksK</c>, K the key set whose
/// key encrypts it; with -auto_inc_design_version file n carries the design version plus n. See docs/decisions.md.
/// </summary>
internal static class KeyRotationPlanner
{
    private static readonly string[][] _keySets = [["UPK1", "UEK1"], ["UPK2", "UEK2"], ["UEK3"]];

    public static IReadOnlyList<BitstreamPlan> Plan(EffectiveDesign effective, BitstreamEntry bitstream, IReadOnlyCollection<string> newKeys)
    {
        var sets = effective.Die.HasUek3 ? 3 : 2;
        var first = int.Parse((bitstream.FirstKeyMode ?? "UEK1")[3..], System.Globalization.CultureInfo.InvariantCulture);
        var others = Enumerable.Range(1, sets).Where(set => set != first).ToList();
        var files = new List<(int EncryptingSet, KeySource Source, string[] Keys)>();
        foreach (var set in others.Where(set => Rotated(set, newKeys)))
        {
            files.Add((first, KeySource.Design, _keySets[set - 1].Where(newKeys.Contains).ToArray()));
        }

        var last = _keySets[first - 1].Append("DPK").Where(newKeys.Contains).ToArray();
        if (last.Length > 0)
        {
            var encrypting = others.FirstOrDefault(set => Rotated(set, newKeys), others[0]);
            files.Add((encrypting, Rotated(encrypting, newKeys) ? KeySource.Rotation : KeySource.Design, last));
        }

        var policy = SecurityComponent.Policy(BitstreamPlanner.PolicyFlags(effective.Policy));
        return [.. files.Select((file, index) =>
        {
            var number = index + 1;
            var version = effective.Design.DesignVersion + (bitstream.AutoIncrementDesignVersion ? number : 0);
            if (version > ushort.MaxValue)
            {
                throw new JobManagerException(
                    $"Key rotation file {number} would carry design version {version}; a design version is at most {ushort.MaxValue}. Lower the JDC's design version or export without -auto_inc_design_version.",
                    "DESIGNVERSION", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var mode = Enum.Parse<KeyMode>("Uek" + file.EncryptingSet);
            var component = new PlannedComponent(ComponentType.Keys, mode, policy,
                [.. file.Keys.Select(key => (BitstreamPlanner.KeyId(key), new KeyUse(key, KeySource.Rotation)))]);
            return new BitstreamPlan($"_rotate_{number}_uks{file.EncryptingSet}", BitstreamPlanner.Header(effective, bitstream, version, null),
                [component], new Dictionary<KeyMode, KeyUse> { [mode] = new KeyUse("UEK" + file.EncryptingSet, file.Source) });
        })];
    }

    private static bool Rotated(int set, IReadOnlyCollection<string> newKeys) => _keySets[set - 1].Any(newKeys.Contains);
}
