namespace Spps.Formats.Bitstreams;

/// <summary>
/// The number of 128-bit blocks of each component, packed as DirectC and STAPL files carry them (.dat block 5, STAPL
/// <c>NUMOFBLOCKS</c>): 22 bits per component, little-endian bit order, component 1 at bit 0.
/// </summary>
public static class BlockCounts
{
    public const int BitsPerCount = 22;

    public const int MaximumCount = (1 << BitsPerCount) - 1;

    /// <summary>The counts in exactly ceil(22·n / 8) bytes.</summary>
    public static byte[] Pack(IReadOnlyList<int> counts)
    {
        var bytes = new byte[(counts.Count * BitsPerCount + 7) / 8];
        for (var k = 0; k < counts.Count; k++)
        {
            if (counts[k] is < 0 or > MaximumCount)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), $"component {k + 1} has {counts[k]} blocks; 22 bits hold at most {MaximumCount}");
            }

            for (var bit = 0; bit < BitsPerCount; bit++)
            {
                if ((counts[k] & (1 << bit)) != 0)
                {
                    var position = k * BitsPerCount + bit;
                    bytes[position >> 3] |= (byte)(1 << (position & 7));
                }
            }
        }

        return bytes;
    }

    /// <summary>The first <paramref name="components"/> counts; the caller checks that the data holds that many.</summary>
    public static int[] Unpack(ReadOnlySpan<byte> data, int components)
    {
        var counts = new int[components];
        for (var k = 0; k < components; k++)
        {
            // As DirectC: 4 bytes from byte (k*22)/8, shifted by (k*22)%8, 22 bits kept.
            var at = k * BitsPerCount / 8;
            var word = 0u;
            for (var b = 0; b < 4 && at + b < data.Length; b++)
            {
                word |= (uint)data[at + b] << (8 * b);
            }

            counts[k] = (int)((word >> (k * BitsPerCount % 8)) & MaximumCount);
        }

        return counts;
    }
}
