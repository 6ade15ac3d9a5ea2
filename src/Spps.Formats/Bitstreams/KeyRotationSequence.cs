namespace Spps.Formats.Bitstreams;

/// <summary>
/// One file of a key rotation: the key set whose UEK encrypts it, whether that UEK is the set's new value (programmed
/// by an earlier file of the sequence) or the value the device holds now, and the keys the file programs.
/// </summary>
public sealed record KeyRotationFile(int Number, int EncryptingSet, bool EncryptedWithNewKey, IReadOnlyList<string> ProgrammedKeys)
{
    public string EncryptingKey => "UEK" + EncryptingSet;
}

/// <summary>
/// The ordered files of a KEY_ROTATION bitstream (SmartFusion 2 / IGLOO 2), the one rule both the Job Manager
/// (non-HSM flow) and the U-HSM (HSM flow) follow. A device decrypts a file with a key it holds now, so a user key set
/// cannot replace itself: the first files, encrypted with the first key set's current UEK, program the new keys of
/// every other rotated key set; the last file, encrypted with a key set already rotated (or, when none is, still
/// holding its old value), programs the first key set's new keys and DPK. Key set 1 is UPK1/UEK1, 2 is UPK2/UEK2,
/// 3 is UEK3. See docs/decisions.md.
/// </summary>
public static class KeyRotationSequence
{
    private static readonly string[][] _keySets = [["UPK1", "UEK1"], ["UPK2", "UEK2"], ["UEK3"]];

    /// <summary>Every key a rotation of <paramref name="keySetCount"/> key sets can replace: their keys and DPK.</summary>
    public static IReadOnlyList<string> RotatableKeys(int keySetCount) => [.. _keySets.Take(keySetCount).SelectMany(set => set), "DPK"];

    /// <summary>
    /// The files that rotate <paramref name="newKeys"/> on a device with <paramref name="keySetCount"/> key sets (2, or
    /// 3 with UEK3), starting with <paramref name="firstSet"/>'s key; empty when no key is new.
    /// </summary>
    public static IReadOnlyList<KeyRotationFile> Files(int firstSet, int keySetCount, IReadOnlyCollection<string> newKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keySetCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keySetCount, _keySets.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSet, keySetCount);

        var others = Enumerable.Range(1, keySetCount).Where(set => set != firstSet).ToList();
        var files = new List<KeyRotationFile>();
        foreach (var set in others.Where(set => Rotated(set, newKeys)))
        {
            files.Add(new KeyRotationFile(files.Count + 1, firstSet, EncryptedWithNewKey: false, [.. _keySets[set - 1].Where(newKeys.Contains)]));
        }

        string[] last = [.. _keySets[firstSet - 1].Append("DPK").Where(newKeys.Contains)];
        if (last.Length > 0)
        {
            var encrypting = others.FirstOrDefault(set => Rotated(set, newKeys), others[0]);
            files.Add(new KeyRotationFile(files.Count + 1, encrypting, Rotated(encrypting, newKeys), last));
        }

        return files;
    }

    private static bool Rotated(int set, IReadOnlyCollection<string> newKeys) => _keySets[set - 1].Any(newKeys.Contains);
}
