using System.Text;

namespace Spps.Formats.Stapl;

/// <summary>
/// A statement that ends in a long literal, laid out as Microchip's tools lay it out: its head (e.g.
/// <c>    BOOLEAN X[8] = $</c>), the literal's characters wrapped at 80 columns (the first line filled, then 8 spaces and
/// 72 characters a line), and the closing <c>;</c> on the last line (on a line of its own when the last line is full).
/// The characters can be written as they are made; the lines are assembled in blocks of many lines, each written at
/// once: a 27 MB DATASTREAM is 340,000 lines.
/// </summary>
internal sealed class StaplLiteral : ICharacterSink
{
    private const int BlockBytes = 1 << 16;
    private const int Indent = 8;

    private readonly StaplTextWriter _text;
    private readonly byte[] _block;
    private int _used;   // bytes of the block filled
    private int _length; // of the line being filled
    private int _room;   // characters the line being filled still takes

    public StaplLiteral(StaplTextWriter text, string head)
    {
        _text = text;
        _block = new byte[Math.Max(BlockBytes, head.Length + 2 * StaplTextWriter.Columns)];
        _used = _length = Encoding.ASCII.GetBytes(head, _block);
        _room = Math.Max(StaplTextWriter.Columns - _length, 1);
    }

    public void Write(ReadOnlySpan<byte> characters)
    {
        while (!characters.IsEmpty)
        {
            if (_room == 0)
            {
                ContinuationLine();
            }

            var take = Math.Min(_room, characters.Length);
            characters[..take].CopyTo(_block.AsSpan(_used));
            characters = characters[take..];
            _used += take;
            _length += take;
            _room -= take;
        }
    }

    /// <summary>Closes the statement and writes what is left of it.</summary>
    public void End()
    {
        if (_length == StaplTextWriter.Columns)
        {
            ContinuationLine();
        }

        _block[_used++] = (byte)';';
        StaplTextWriter.LineEnd.CopyTo(_block.AsSpan(_used));
        _text.Emit(_block.AsSpan(0, _used + StaplTextWriter.LineEnd.Length));
        _used = 0;
    }

    // Ends the line being filled and starts a continuation line; writes the block out first when another line and
    // the statement's end might not fit.
    private void ContinuationLine()
    {
        StaplTextWriter.LineEnd.CopyTo(_block.AsSpan(_used));
        _used += StaplTextWriter.LineEnd.Length;
        if (_block.Length - _used < 2 * StaplTextWriter.Columns)
        {
            _text.Emit(_block.AsSpan(0, _used));
            _used = 0;
        }

        _block.AsSpan(_used, Indent).Fill((byte)' ');
        _used += Indent;
        _length = Indent;
        _room = StaplTextWriter.Columns - Indent;
    }
}
