namespace Spps.Formats.Stapl;

/// <summary>The 6-bit character alphabet of compressed STAPL arrays: 0–9, A–Z, a–z, '_' and '@' stand for 0 to 63.</summary>
internal static class SixBitAlphabet
{
    /// <summary>The characters as ASCII bytes, by value: STAPL files hold them as they are.</summary>
    public static ReadOnlySpan<byte> Ascii => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@"u8;

    /// <summary>The value of a character, or -1 when it is not in the alphabet.</summary>
    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        '_' => 62,
        '@' => 63,
        _ => -1,
    };
}
