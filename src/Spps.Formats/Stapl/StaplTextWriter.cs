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
    /// A statement that ends in a long literal: <paramref name="head"/> (e.g. <c>    BOOLEAN X[8] = $</c>), the
    /// literal's characters wrapped, and the closing <c>;</c> on the last line (on a line of its own when the last line is full).
    /// </summary>
    public void Literal(string head, ReadOnlySpan<char> characters)
    {
        var line = new StringBuilder(Columns);
        line.Append(head);
        var room = Math.Max(Columns - head.Length, 1);
        while (!characters.IsEmpty)
        {
            var take = Math.Min(room, characters.Length);
            line.Append(characters[..take]);
            characters = characters[take..];
            if (!characters.IsEmpty)
            {
                Line(line.ToString());
                line.Clear().Append(ContinuationIndent);
                room = Columns - ContinuationIndent.Length;
            }
        }

        if (line.Length == Columns)
        {
            Line(line.ToString());
            line.Clear().Append(ContinuationIndent);
        }

        Line(line.Append(';').ToString());
    }

    /// <summary>Writes the closing <c>CRC hhhh;</c> statement over everything written so far.</summary>
    public void Crc() => Line($"CRC {_crc.Value:X4};");

    private void Emit(byte[] bytes)
    {
        _crc.Append(bytes);
        output.Write(bytes);
    }
}
