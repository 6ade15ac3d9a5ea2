namespace Spps.Devices;

/// <summary>
/// "Did you mean": the valid names nearest to a mistyped one by edit distance (letter case ignored), for device names,
/// commands, options and enum values alike, so every program suggests the same way.
/// </summary>
public static class ClosestNames
{
    /// <summary>How many names a suggestion lists at most.</summary>
    public const int MaximumCount = 3;

    /// <summary>
    /// Up to three of <paramref name="candidates"/> within a few edits of <paramref name="typed"/> (two, or a third of
    /// its length for long names, and fewer edits than it has letters, so a name sharing nothing is never offered),
    /// nearest first; among equally near names the one sharing the longest beginning comes first (M2S011 is nearer
    /// M2S010S than M2S005), then ordinal order, so the list is stable. A name that differs only in letter case is
    /// offered alone.
    /// </summary>
    public static IReadOnlyList<string> To(string typed, IEnumerable<string> candidates)
    {
        var wanted = typed.Trim().ToUpperInvariant();
        var sameButCase = candidates.Where(candidate => candidate.ToUpperInvariant() == wanted).Take(MaximumCount).ToList();
        if (sameButCase.Count > 0)
        {
            return sameButCase; // the name was meant, only its letter case is wrong: nothing else is worth offering
        }

        var limit = Math.Min(Math.Max(2, wanted.Length / 3), wanted.Length - 1);
        return [.. candidates.Distinct(StringComparer.Ordinal)
            .Select(candidate => (candidate, upper: candidate.ToUpperInvariant()))
            .Select(pair => (pair.candidate, pair.upper, distance: Distance(wanted, pair.upper)))
            .Where(pair => pair.distance <= limit)
            .OrderBy(pair => pair.distance)
            .ThenByDescending(pair => SharedPrefix(wanted, pair.upper))
            .ThenBy(pair => pair.candidate, StringComparer.Ordinal)
            .Take(MaximumCount).Select(pair => pair.candidate)];
    }

    private static int SharedPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return length;
    }

    // Levenshtein distance: insertions, deletions and substitutions each count one.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
