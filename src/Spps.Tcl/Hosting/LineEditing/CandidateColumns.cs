using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>The list a second Tab shows: the candidates in columns across the terminal, row by row.</summary>
internal static class CandidateColumns
{
    private const int Gap = 2;

    public static string Format(IReadOnlyList<string> candidates, int width)
    {
        var column = candidates.Max(candidate => candidate.Length) + Gap;
        var perRow = Math.Max(1, width / column);
        var text = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            var lastInRow = i % perRow == perRow - 1 || i == candidates.Count - 1;
            text.Append(lastInRow ? candidates[i] + "\n" : candidates[i].PadRight(column));
        }

        return text.ToString();
    }
}
