using System.Text;

namespace Spps.Formats.Stapl;

/// <summary>
/// Writes STAPL text as Microchip's tools lay it out: ASCII, CRLF line ends, literals wrapped at 80 columns (the first
/// line filled to column 80, then 8 spaces and 72 characters a line), and the <c>CRC</c> statement last, computed
/// over the bytes as they are written (CR bytes excluded, as the CRC is defined).
/// </summary>
internal sealed class StaplTextWriter(Stream output)
{
    public const int Columns = 80;

    public static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    private readonly StaplCrc _crc = new();

    public void Line(string text = "")
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Emit(bytes);
        Emit(LineEnd);
    }

    /// <summary>
    /// A line of a PROCEDURE, wrapped where it is longer than 80 columns. The player reads the line ends inside a
    /// statement as spaces, so the line is broken at a space or after <c>&amp;&amp;</c> or <c>||</c>, outside strings, and
    /// continued 4 columns further in.
    /// </summary>
    public void Statement(string line)
    {
        var indent = new string(' ', line.Length - line.TrimStart().Length + 4);
        int cut;
        while (line.Length > Columns && (cut = LastBreak(line)) > 0)
        {
            Line(line[..cut].TrimEnd());
            line = indent + line[cut..].TrimStart();
        }

        Line(line);
    }

    // Where the line may be broken last within 80 columns (the length of its first part), or -1; before THEN if it
    // can, so an IF reads as its condition and its consequence.
    private static int LastBreak(string line)
    {
        var last = -1;
        var beforeThen = -1;
        var inString = false;
        var content = false;
        for (var i = 1; i <= Columns; i++)
        {
            inString ^= line[i - 1] == '"';
            content |= line[i - 1] != ' ';
            if (!inString && content && (line[i] == ' ' || (i >= 2 && line.AsSpan(i - 2, 2) is "&&" or "||")))
            {
                last = i;
                beforeThen = line.AsSpan(i).StartsWith(" THEN ", StringComparison.Ordinal) ? i : beforeThen;
            }
        }

        return beforeThen > 0 ? beforeThen : last;
    }

    /// <summary>A statement that ends in a long literal, its characters (ASCII) given whole (see <see cref="StaplLiteral"/>).</summary>
    public void Literal(string head, ReadOnlySpan<byte> characters)
    {
        var literal = BeginLiteral(head);
        literal.Write(characters);
        literal.End();
    }

    /// <summary>A statement that ends in a long literal whose characters are written as they are made; <see cref="StaplLiteral.End"/> closes it.</summary>
    public StaplLiteral BeginLiteral(string head) => new(this, head);

    /// <summary>Writes the closing <c>CRC hhhh;</c> statement over everything written so far.</summary>
    public void Crc() => Line($"CRC {_crc.Value:X4};");

    /// <summary>Writes text as it is, counting it in the CRC.</summary>
    public void Emit(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        output.Write(bytes);
    }
}
