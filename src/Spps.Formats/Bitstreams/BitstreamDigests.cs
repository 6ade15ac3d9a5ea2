using System.Security.Cryptography;

namespace Spps.Formats.Bitstreams;

/// <summary>What a device's certificate of conformance lists of the bitstream it was programmed with (docs/production.md).</summary>
public static class BitstreamDigests
{
    /// <summary>
    /// The SHA-256 of each component after the header, in order, as it stands in the bitstream (preamble, encrypted
    /// payload and padding). Throws <see cref="FormatException"/> when the bytes are not a bitstream of ours.
    /// </summary>
    public static IReadOnlyList<byte[]> Components(byte[] bitstream)
    {
        var (_, components) = BitstreamFormat.Read(bitstream);
        return [.. components.Select(component => SHA256.HashData(bitstream.AsSpan(component.Offset, component.Length)))];
    }
}
