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
    private const int BlockBytes = 1 << 16;
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
    /// literal's characters (ASCII) wrapped, and the closing <c>;</c> on the last line (on a line of its own when the last line is full).
    /// </summary>
    public void Literal(string head, ReadOnlySpan<byte> characters)
    {
        // Lines are assembled in a block of many lines, written out whenever it fills: a 27 MB DATASTREAM is 340,000 lines.
        var block = new byte[Math.Max(BlockBytes, head.Length + 2 * Columns)];
        var used = Encoding.ASCII.GetBytes(head, block);
        var length = used; // of the line being filled
        var room = Math.Max(Columns - length, 1);
        while (true)
        {
            var take = Math.Min(room, characters.Length);
            characters[..take].CopyTo(block.AsSpan(used));
            characters = characters[take..];
            used += take;
            length += take;
            if (characters.IsEmpty)
            {
                break;
            }

            used = ContinuationLine(block, used);
            (length, room) = (ContinuationIndent.Length, Columns - ContinuationIndent.Length);
        }

        if (length == Columns)
        {
            used = ContinuationLine(block, used);
        }

        block[used++] = (byte)';';
        LineEnd.CopyTo(block, used);
        Emit(block.AsSpan(0, used + LineEnd.Length));
    }

    // Ends the line at `used` in the block and starts a continuation line (its indent); writes the block out first when
    // another line and the statement's end might not fit. Returns where the continuation line's characters go.
    private int ContinuationLine(byte[] block, int used)
    {
        LineEnd.CopyTo(block, used);
        used += LineEnd.Length;
        if (block.Length - used < 2 * Columns)
        {
            Emit(block.AsSpan(0, used));
            used = 0;
        }

        block.AsSpan(used, ContinuationIndent.Length).Fill((byte)' ');
        return used + ContinuationIndent.Length;
    }

    /// <summary>Writes the closing <c>CRC hhhh;</c> statement over everything written so far.</summary>
    public void Crc() => Line($"CRC {_crc.Value:X4};");

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        output.Write(bytes);
    }
}
