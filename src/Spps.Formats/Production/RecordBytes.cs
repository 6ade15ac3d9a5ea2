namespace Spps.Formats.Production;

/// <summary>The checks every fixed production record starts with: its length and its 8-byte marker.</summary>
internal static class RecordBytes
{
    public const int MarkerBytes = 8;

    public static void Expect(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker, int length, string source, string what)
    {
        ExpectMarker(bytes, marker, source, what);
        if (bytes.Length != length)
        {
            throw new ProductionFormatException(source, $"{what} has {length} bytes, not {bytes.Length}");
        }
    }

    /// <summary>For a record of variable length: the marker, and at least <paramref name="minimum"/> bytes.</summary>
    public static void ExpectAtLeast(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker, int minimum, string source, string what)
    {
        ExpectMarker(bytes, marker, source, what);
        if (bytes.Length < minimum)
        {
            throw new ProductionFormatException(source, $"{what} has at least {minimum} bytes, not {bytes.Length}");
        }
    }

    private static void ExpectMarker(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker, string source, string what)
    {
        if (bytes.Length < MarkerBytes || !bytes[..MarkerBytes].SequenceEqual(marker))
        {
            throw new ProductionFormatException(source, $"it is not {what} (no {System.Text.Encoding.ASCII.GetString(marker)} marker)");
        }
    }

    public static byte[] Point(ReadOnlySpan<byte> bytes, string source, string what) => P384.IsPoint(bytes)
        ? bytes.ToArray()
        : throw new ProductionFormatException(source, $"{what} is not a P-384 point");
}
