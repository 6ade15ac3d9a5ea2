namespace Spps.Formats.Stapl;

/// <summary>
/// A Boolean array as a STAPL <c>$</c> literal: most significant digit first, so the last digit holds indices 0-3
/// (each digit's low bit the lower index) and, when the size is not a multiple of 4, the first digit is the partial one.
/// </summary>
internal static class StaplHexLiteral
{
    public static string Encode(ReadOnlySpan<byte> data, int bits)
    {
        var digits = new char[(bits + 3) / 4];
        for (var j = 0; j < digits.Length; j++)
        {
            var nibble = 0;
            for (var b = 0; b < 4; b++)
            {
                var index = j * 4 + b;
                if (index < bits && (data[index >> 3] & (1 << (index & 7))) != 0)
                {
                    nibble |= 1 << b;
                }
            }

            digits[digits.Length - 1 - j] = "0123456789abcdef"[nibble];
        }

        return new string(digits);
    }

    /// <summary>A 32-bit register value as 8 digits (index 0 is the value's least significant bit).</summary>
    public static string Encode(uint value) => value.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
