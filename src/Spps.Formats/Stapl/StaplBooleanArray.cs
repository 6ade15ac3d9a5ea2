using System.Globalization;

namespace Spps.Formats.Stapl;

/// <summary>
/// A STAPL Boolean array: <see cref="Bits"/> bits, bit k in byte k&gt;&gt;3, bit k&amp;7 (as the player stores them).
/// Literals are written with index 0 last for <c>#</c> (binary) and <c>$</c> (hex); <c>@</c> is ACA-compressed
/// little-endian bytes.
/// </summary>
public sealed record StaplBooleanArray(string Name, int Bits, byte[] Data)
{
    public bool this[int index] => (Data[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>The value of bits hi..lo as an integer (for IDCODEs and similar short arrays).</summary>
    public ulong Value(int high, int low)
    {
        ulong value = 0;
        for (var k = high; k >= low; k--)
        {
            value = (value << 1) | (this[k] ? 1UL : 0UL);
        }

        return value;
    }

    internal static StaplBooleanArray Parse(string name, int bits, string literal)
    {
        var compact = string.Concat(literal.Where(c => !char.IsWhiteSpace(c)));
        var bytes = (bits + 7L) / 8;
        // Each literal is checked against the size before the array is made, so a size the text cannot fill allocates nothing.
        switch (compact.Length > 0 ? compact[0] : ' ')
        {
            case '@':
                var decoded = Aca.Decode(compact.AsSpan(1));
                if (decoded.Length != bytes)
                {
                    throw new FormatException($"the compressed data holds {decoded.Length} bytes, the array needs {bytes}");
                }

                return new StaplBooleanArray(name, bits, decoded);
            case '#':
                var binary = compact[1..];
                if (binary.Length != bits || binary.Any(c => c is not ('0' or '1')))
                {
                    throw new FormatException($"the binary literal has {binary.Length} digits of 0 and 1 for {bits} bits");
                }

                var fromBinary = new byte[bytes];
                for (var k = 0; k < bits; k++)
                {
                    if (binary[bits - 1 - k] == '1')
                    {
                        fromBinary[k >> 3] |= (byte)(1 << (k & 7));
                    }
                }

                return new StaplBooleanArray(name, bits, fromBinary);
            case '$':
                var hex = compact[1..];
                if (hex.Length != (bits + 3L) / 4 || !hex.All(char.IsAsciiHexDigit))
                {
                    throw new FormatException($"the hex literal has {hex.Length} hexadecimal digits for {bits} bits (expecting {(bits + 3L) / 4})");
                }

                var fromHex = new byte[bytes];
                for (var digit = 0; digit < hex.Length; digit++)
                {
                    var nibble = int.Parse(hex[hex.Length - 1 - digit].ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    for (var b = 0; b < 4 && digit * 4 + b < bits; b++)
                    {
                        if ((nibble & (1 << b)) != 0)
                        {
                            var k = digit * 4 + b;
                            fromHex[k >> 3] |= (byte)(1 << (k & 7));
                        }
                    }
                }

                return new StaplBooleanArray(name, bits, fromHex);
            default:
                throw new FormatException("a Boolean array literal starts with #, $ or @");
        }
    }
}
