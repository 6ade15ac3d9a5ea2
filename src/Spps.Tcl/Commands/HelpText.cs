using System.Text;

namespace Spps.Tcl.Commands;

/// <summary>
/// Lays help out for an 80-column console: words fill a line and the rest continues on the next, indented. A word too
/// long for any line (an option's list of choices) is cut after a '|', so a list of choices wraps too.
/// </summary>
internal static class HelpText
{
    /// <summary>The width of a classic console, which help never exceeds.</summary>
    public const int Width = 80;

    /// <summary>Plain text: each paragraph (a line of <paramref name="text"/>) filled and indented.</summary>
    public static void AppendParagraphs(StringBuilder help, string text, string indent)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            AppendFilled(help, paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries), indent, indent);
        }
    }

    /// <summary>
    /// <paramref name="pieces"/> joined by spaces on lines of at most <see cref="Width"/> columns, the first line starting
    /// with <paramref name="firstIndent"/> and the others with <paramref name="indent"/>. A piece is never split at a
    /// space, so a piece such as <c>[-save &lt;TRUE|FALSE&gt;]</c> stays whole when it fits a line.
    /// </summary>
    public static void AppendFilled(StringBuilder help, IEnumerable<string> pieces, string firstIndent, string indent)
    {
        var line = new StringBuilder(firstIndent);
        var empty = true;
        foreach (var piece in pieces)
        {
            var separator = empty ? string.Empty : " ";
            if (indent.Length + piece.Length > Width)
            {
                AppendCut(help, line.Append(separator), piece, indent); // too long for any line: cut it from here on
            }
            else if (line.Length + separator.Length + piece.Length > Width)
            {
                help.AppendLine(line.ToString());
                line.Clear().Append(indent).Append(piece);
            }
            else
            {
                line.Append(separator).Append(piece);
            }

            empty = false;
        }

        help.AppendLine(line.ToString());
    }

    // A piece longer than a line: cut after each '|' where the line is full, the cut parts joined without a space.
    private static void AppendCut(StringBuilder help, StringBuilder line, string piece, string indent)
    {
        var parts = piece.Split('|');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = i < parts.Length - 1 ? parts[i] + "|" : parts[i];
            if (line.Length + part.Length > Width && line.Length > indent.Length)
            {
                help.AppendLine(line.ToString().TrimEnd());
                line.Clear().Append(indent);
            }

            line.Append(part);
        }
    }
}
