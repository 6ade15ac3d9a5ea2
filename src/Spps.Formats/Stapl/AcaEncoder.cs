using System.Buffers.Binary;

namespace Spps.Formats.Stapl;

/// <summary>
/// The ACA compressor (<see cref="Aca"/>), greedy as FlashPro's is. It takes its data in two parts, compressed as one
/// array without joining them (a DATASTREAM is a bitstream with its erase component after it), and hands its
/// characters, as ASCII bytes, to a sink as they are made, so a 27 MB DATASTREAM is never held whole as text.
/// </summary>
internal sealed class AcaEncoder
{
    private const int HashBits = 16;

    // The chain ring holds one slot per window position; 8192 is a power of two, so a mask replaces the modulo.
    private const int RingMask = Aca.Window;

    // How far past a position its match and its hash read.
    private const int Reach = Aca.MaximumMatch + Aca.MinimumMatch;

    private readonly int[] _head = new int[1 << HashBits];
    private readonly int[] _previous = new int[Aca.Window + 1];
    private readonly int _length;
    private readonly CharacterWriter _characters;
    private int _position;

    private AcaEncoder(int length, ICharacterSink output)
    {
        Array.Fill(_head, -1);
        _length = length;
        _characters = new CharacterWriter(output);
    }

    /// <summary>Compresses <paramref name="data"/> followed by <paramref name="tail"/> into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> tail, ICharacterSink output)
    {
        var encoder = new AcaEncoder(data.Length + tail.Length, output);
        encoder._characters.Write((uint)encoder._length, 32);
        if (tail.IsEmpty)
        {
            encoder.Run(data, 0, data.Length);
        }
        else
        {
            // The positions whose matches and hashes stay inside `data` read it in place; the rest read a small joined
            // copy of `tail` and as much of the end of `data` as the window reaches back from them.
            var split = Math.Max(0, data.Length - Reach);
            encoder.Run(data, 0, split);
            var kept = Math.Min(data.Length, data.Length - split + Aca.Window);
            encoder.Run([.. data[^kept..], .. tail], data.Length - kept, encoder._length);
        }

        encoder._characters.Finish();
    }

    // Encodes from the current position up to `until` (its last token may run past it); `data` holds the bytes from
    // position `origin` on, as far as the positions read.
    private void Run(ReadOnlySpan<byte> data, int origin, int until)
    {
        var i = _position;
        while (i < until)
        {
            var (offset, length) = LongestMatch(data, origin, i);
            var at = i - origin;
            if (length >= Aca.MinimumMatch)
            {
                _characters.Write(1, 1);
                _characters.Write((uint)offset, Aca.BitsRequired(Math.Min(i, Aca.Window)));
                _characters.Write((uint)length, 8);
            }
            else if (_length - i >= 3)
            {
                length = 3; // flag 0, then three bytes: one 25-bit write
                _characters.Write((uint)((data[at] << 1) | (data[at + 1] << 9) | (data[at + 2] << 17)), 25);
            }
            else
            {
                length = _length - i;
                _characters.Write(0, 1);
                for (var k = 0; k < length; k++)
                {
                    _characters.Write(data[at + k], 8);
                }
            }

            for (var end = i + length; i < end; i++)
            {
                Insert(data, origin, i);
            }
        }

        _position = i;
    }

    private (int Offset, int Length) LongestMatch(ReadOnlySpan<byte> data, int origin, int i)
    {
        if (i + Aca.MinimumMatch > _length)
        {
            return (0, 0);
        }

        var limit = Math.Min(Aca.MaximumMatch, _length - i);
        var oldest = i - Math.Min(i, Aca.Window);
        int bestOffset = 0, bestLength = 0;
        // Candidates come nearest first, so only a strictly longer match replaces the best one.
        for (var candidate = _head[Hash(data, i - origin)]; candidate >= oldest && candidate >= 0; candidate = _previous[candidate & RingMask])
        {
            var length = data.Slice(candidate - origin, limit).CommonPrefixLength(data.Slice(i - origin, limit));
            if (length > bestLength)
            {
                bestLength = length;
                bestOffset = i - candidate;
                if (length == limit)
                {
                    break;
                }
            }

            var next = _previous[candidate & RingMask];
            if (next >= candidate)
            {
                break; // the ring slot was reused by a newer position: the chain ends here
            }
        }

        return (bestOffset, bestLength);
    }

    private void Insert(ReadOnlySpan<byte> data, int origin, int position)
    {
        if (position + Aca.MinimumMatch > _length)
        {
            return;
        }

        var hash = Hash(data, position - origin);
        _previous[position & RingMask] = _head[hash];
        _head[hash] = position;
    }

    private static int Hash(ReadOnlySpan<byte> data, int index) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(data[index..]) * 2654435761u >> (32 - HashBits));

    // Packs values LSB first into 6-bit characters, handed to the sink in chunks.
    private sealed class CharacterWriter(ICharacterSink output)
    {
        private readonly byte[] _chunk = new byte[1 << 14];
        private int _count;
        private ulong _buffer;
        private int _available;

        public void Write(uint value, int count)
        {
            if (_count > _chunk.Length - 8) // a write of up to 32 bits makes at most 6 characters
            {
                output.Write(_chunk.AsSpan(0, _count));
                _count = 0;
            }

            _buffer |= (ulong)value << _available;
            _available += count;
            while (_available >= 6)
            {
                _chunk[_count++] = SixBitAlphabet.Ascii[(int)(_buffer & 63)];
                _buffer >>= 6;
                _available -= 6;
            }
        }

        public void Finish()
        {
            if (_available > 0)
            {
                _chunk[_count++] = SixBitAlphabet.Ascii[(int)(_buffer & 63)]; // zero-padded to a whole character
                _available = 0;
            }

            output.Write(_chunk.AsSpan(0, _count));
        }
    }
}
