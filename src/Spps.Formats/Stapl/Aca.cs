using System.Buffers;
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

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var characters = new CharacterBuffer();
        AcaEncoder.Encode(data, [], characters);
        return Encoding.ASCII.GetString(characters.Written);
    }

    /// <summary>bits_required(0) = 1, else floor(log2 n) + 1.</summary>
    internal static int BitsRequired(int n) => n == 0 ? 1 : 32 - int.LeadingZeroCount(n);

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

    private sealed class CharacterBuffer : ICharacterSink
    {
        private readonly ArrayBufferWriter<byte> _written = new();

        public ReadOnlySpan<byte> Written => _written.WrittenSpan;

        public void Write(ReadOnlySpan<byte> characters) => _written.Write(characters);
    }
}
