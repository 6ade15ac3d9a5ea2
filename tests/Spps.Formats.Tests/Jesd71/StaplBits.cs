using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Jesd71;

/// <summary>Boolean arrays as the interpreter and the scripted device hold them: one bool a bit, bit 0 first.</summary>
internal static class StaplBits
{
    public static bool[] Of(StaplBooleanArray array)
    {
        var bits = new bool[array.Bits];
        for (var k = 0; k < bits.Length; k++)
        {
            bits[k] = (array.Data[k >> 3] & (1 << (k & 7))) != 0;
        }

        return bits;
    }

    /// <summary>The low <paramref name="length"/> bits of a number (bits above 64 are zero).</summary>
    public static bool[] Of(ulong value, int length)
    {
        var bits = new bool[length];
        for (var k = 0; k < length && k < 64; k++)
        {
            bits[k] = ((value >> k) & 1) != 0;
        }

        return bits;
    }

    public static ulong Number(ReadOnlySpan<bool> bits)
    {
        if (bits.Length > 64)
        {
            throw new ArgumentException($"{bits.Length} bits do not fit 64", nameof(bits));
        }

        var value = 0UL;
        for (var k = 0; k < bits.Length; k++)
        {
            value |= bits[k] ? 1UL << k : 0;
        }

        return value;
    }
}
