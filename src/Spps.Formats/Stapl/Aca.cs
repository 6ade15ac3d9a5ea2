using System.Text;

namespace Spps.Formats.Stapl;

/// <summary>
/// ACA, the compression of STAPL Boolean arrays (<c>@</c> literals). The stream, read LSB first from 6-bit
/// characters, starts with the output length (32 bits), then tokens: a 0 bit and up to three literal bytes, or a 1
/// bit, an offset into the last min(i, 8191) output bytes (as many bits as that number needs) and a length (8 bits).
/// The encoder is greedy in the way FlashPro's is, so it reproduces Microchip's files byte for byte: at each position
/// the longest match of 4 to 255 bytes, the nearest one on ties, else three literal bytes. See reference/formats.md §1.5.
/// </summary>
public static class Aca
{
    public const int Window = 8191;
    public const int MinimumMatch = 4;
    public const int MaximumMatch = 255;

    private const int HashBits = 16;

    // The chain ring holds one slot per window position; 8192 is a power of two, so a mask replaces the modulo.
    private const int RingMask = Window;

    public static byte[] Decode(ReadOnlySpan<char> characters)
    {
        var bits = new BitReader(characters);
        var length = bits.Read(32);
        // Every token takes at least 10 bits (a flag, an offset of 1 bit or more, a length of 8) and gives at most 255
        // bytes: a claim beyond that cannot be true, and is refused before anything is allocated for it.
        var capacity = ((long)characters.Length * 6 / 10 + 1) * MaximumMatch;
        if (length > capacity)
        {
            throw new AcaFormatException($"the stream claims {length} bytes, more than its {characters.Length} characters can hold");
        }

        var output = new byte[(int)length];
        var i = 0;
        while (i < output.Length)
        {
            if (bits.Read(1) == 0)
            {
                for (var k = 0; k < 3 && i < output.Length; k++)
                {
                    output[i++] = (byte)bits.Read(8);
                }
            }
            else
            {
                var offset = (int)bits.Read(BitsRequired(Math.Min(i, Window)));
                var count = (int)bits.Read(8);
                if (offset == 0 || offset > i)
                {
                    throw new AcaFormatException($"a back-reference at byte {i} points {offset} bytes back");
                }

                for (var k = 0; k < count && i < output.Length; k++, i++)
                {
                    output[i] = output[i - offset];
                }
            }
        }

        return output;
    }

    public static string Encode(ReadOnlySpan<byte> data) => Encoding.ASCII.GetString(EncodeToAscii(data).Span);

    /// <summary>
    /// The compressed stream as the ASCII bytes of its characters, ready to be written: a STAPL file holds them as they
    /// are, so they are never made into UTF-16 text (twice the memory, and a conversion back for writing).
    /// </summary>
    public static ReadOnlyMemory<byte> EncodeToAscii(ReadOnlySpan<byte> data)
    {
        var bits = new BitWriter(data.Length);
        bits.Write((uint)data.Length, 32);
        var head = new int[1 << HashBits];
        Array.Fill(head, -1);
        var previous = new int[Window + 1];
        var i = 0;
        while (i < data.Length)
        {
            var (offset, length) = LongestMatch(data, i, head, previous);
            if (length >= MinimumMatch)
            {
                bits.Write(1, 1);
                bits.Write((uint)offset, BitsRequired(Math.Min(i, Window)));
                bits.Write((uint)length, 8);
            }
            else if (data.Length - i >= 3)
            {
                length = 3; // flag 0, then three bytes: one 25-bit write
                bits.Write((uint)((data[i] << 1) | (data[i + 1] << 9) | (data[i + 2] << 17)), 25);
            }
            else
            {
                length = data.Length - i;
                bits.Write(0, 1);
                for (var k = 0; k < length; k++)
                {
                    bits.Write(data[i + k], 8);
                }
            }

            for (var end = i + length; i < end; i++)
            {
                Insert(data, i, head, previous);
            }
        }

        return bits.Characters();
    }

    /// <summary>bits_required(0) = 1, else floor(log2 n) + 1.</summary>
    internal static int BitsRequired(int n) => n == 0 ? 1 : 32 - int.LeadingZeroCount(n);

    private static (int Offset, int Length) LongestMatch(ReadOnlySpan<byte> data, int i, int[] head, int[] previous)
    {
        if (i + MinimumMatch > data.Length)
        {
            return (0, 0);
        }

        var limit = Math.Min(MaximumMatch, data.Length - i);
        var oldest = i - Math.Min(i, Window);
        int bestOffset = 0, bestLength = 0;
        // Candidates come nearest first, so only a strictly longer match replaces the best one.
        for (var candidate = head[Hash(data, i)]; candidate >= oldest && candidate >= 0; candidate = previous[candidate & RingMask])
        {
            var length = 0;
            while (length < limit && data[candidate + length] == data[i + length])
            {
                length++;
            }

            if (length > bestLength)
            {
                bestLength = length;
                bestOffset = i - candidate;
                if (length == limit)
                {
                    break;
                }
            }

            var next = previous[candidate & RingMask];
            if (next >= candidate)
            {
                break; // the ring slot was reused by a newer position: the chain ends here
            }
        }

        return (bestOffset, bestLength);
    }

    private static void Insert(ReadOnlySpan<byte> data, int position, int[] head, int[] previous)
    {
        if (position + MinimumMatch > data.Length)
        {
            return;
        }

        var hash = Hash(data, position);
        previous[position & RingMask] = head[hash];
        head[hash] = position;
    }

    private static int Hash(ReadOnlySpan<byte> data, int position) =>
        (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[position..]) * 2654435761u >> (32 - HashBits));

    private ref struct BitReader(ReadOnlySpan<char> characters)
    {
        private readonly ReadOnlySpan<char> _characters = characters;
        private int _index;
        private ulong _buffer;
        private int _available;

        public uint Read(int count)
        {
            while (_available < count)
            {
                while (_index < _characters.Length && char.IsWhiteSpace(_characters[_index]))
                {
                    _index++;
                }

                if (_index >= _characters.Length)
                {
                    throw new AcaFormatException("the compressed data ends before its declared length is reached");
                }

                var value = SixBitAlphabet.Value(_characters[_index]);
                if (value < 0)
                {
                    throw new AcaFormatException($"'{_characters[_index]}' is not a 6-bit character");
                }

                _buffer |= (ulong)value << _available;
                _available += 6;
                _index++;
            }

            var result = (uint)(_buffer & ((1UL << count) - 1));
            _buffer >>= count;
            _available -= count;
            return result;
        }
    }

    private sealed class BitWriter(int dataLength)
    {
        // At most 25 bits per 3 input bytes (literals), plus the length and the last partial character.
        private readonly byte[] _characters = new byte[(32 + (dataLength / 3 + 1) * 25) / 6 + 8];
        private int _count;
        private ulong _buffer;
        private int _available;

        public void Write(uint value, int count)
        {
            _buffer |= (ulong)value << _available;
            _available += count;
            while (_available >= 6)
            {
                _characters[_count++] = SixBitAlphabet.Ascii[(int)(_buffer & 63)];
                _buffer >>= 6;
                _available -= 6;
            }
        }

        public ReadOnlyMemory<byte> Characters()
        {
            if (_available > 0)
            {
                _characters[_count++] = SixBitAlphabet.Ascii[(int)(_buffer & 63)]; // zero-padded to a whole character
                _available = 0;
            }

            return _characters.AsMemory(0, _count);
        }
    }
}
