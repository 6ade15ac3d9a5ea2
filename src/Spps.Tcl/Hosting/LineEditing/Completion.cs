using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>What Tab can put in place of the word typed before the cursor (<see cref="Completer"/>).</summary>
/// <param name="WordStart">Where the word starts in the line.</param>
/// <param name="Word">The word as typed, escapes removed.</param>
/// <param name="Quoted">The word is inside <c>"</c> or <c>{</c>, where a space needs no escape.</param>
internal sealed record Completion(int WordStart, string Word, bool Quoted, IReadOnlyList<string> Candidates)
{
    private const string TclSpecial = " \t;[]$\"\\{}";

    public static Completion None(int cursor) => new(cursor, string.Empty, false, []);

    /// <summary>
    /// The longest start all candidates share (matched as typed, so <c>m</c> may become <c>MAS</c> when the values are
    /// upper case).
    /// </summary>
    public string CommonPrefix()
    {
        if (Candidates.Count == 0)
        {
            return Word;
        }

        var prefix = Candidates[0];
        foreach (var candidate in Candidates.Skip(1))
        {
            var length = 0;
            while (length < prefix.Length && length < candidate.Length && prefix[length] == candidate[length])
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix;
    }

    /// <summary>How a candidate is written into the line: characters Tcl would read specially are escaped outside quotes.</summary>
    public string Written(string candidate)
    {
        if (Quoted)
        {
            return candidate;
        }

        var written = new StringBuilder(candidate.Length);
        foreach (var c in candidate)
        {
            written.Append(TclSpecial.Contains(c, StringComparison.Ordinal) ? "\\" : string.Empty).Append(c);
        }

        return written.ToString();
    }
}
