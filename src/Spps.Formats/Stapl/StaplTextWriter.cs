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
    private const string ContinuationIndent = "        ";
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

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

    /// <summary>
    /// A statement that ends in a long literal: <paramref name="head"/> (e.g. <c>    BOOLEAN X[8] = $</c>), the
    /// literal's characters wrapped, and the closing <c>;</c> on the last line (on a line of its own when the last line is full).
    /// </summary>
    public void Literal(string head, ReadOnlySpan<char> characters)
    {
        // Lines are assembled as bytes in one buffer: a 27 MB DATASTREAM is 340,000 lines.
        Span<byte> line = stackalloc byte[Math.Max(Columns, head.Length + 1) + 2];
        var length = Encoding.ASCII.GetBytes(head, line);
        var room = Math.Max(Columns - length, 1);
        while (!characters.IsEmpty)
        {
            var take = Math.Min(room, characters.Length);
            length += Encoding.ASCII.GetBytes(characters[..take], line[length..]);
            characters = characters[take..];
            if (!characters.IsEmpty)
            {
                length = EndLine(line, length);
                room = Columns - length;
            }
        }

        if (length == Columns)
        {
            length = EndLine(line, length);
        }

        line[length++] = (byte)';';
        "\r\n"u8.CopyTo(line[length..]);
        Emit(line[..(length + 2)]);
    }

    // Writes the line so far and starts a continuation line; returns its length (the indent).
    private int EndLine(Span<byte> line, int length)
    {
        "\r\n"u8.CopyTo(line[length..]);
        Emit(line[..(length + 2)]);
        line[..ContinuationIndent.Length].Fill((byte)' ');
        return ContinuationIndent.Length;
    }

    /// <summary>Writes the closing <c>CRC hhhh;</c> statement over everything written so far.</summary>
    public void Crc() => Line($"CRC {_crc.Value:X4};");

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        output.Write(bytes);
    }
}
