using System.Security.Cryptography;

namespace Spps.Formats.Bitstreams;

/// <summary>What a device's certificate of conformance lists of the bitstream it was programmed with (docs/production.md).</summary>
public static class BitstreamDigests
{
    /// <summary>
    /// The SHA-256 of each component after the header, in order, as it stands in the bitstream (preamble, encrypted
    /// payload and padding), of a bitstream as its builder just returned it (its whole digest is not checked again, see
    /// <see cref="BitstreamFormat.Layout"/>). Throws <see cref="FormatException"/> when the bytes are not laid out as
    /// a bitstream of ours.
    /// </summary>
    public static IReadOnlyList<byte[]> Components(byte[] bitstream)
    {
        var (_, components) = BitstreamFormat.Layout(bitstream);
        return [.. components.Select(component => SHA256.HashData(bitstream.AsSpan(component.Offset, component.Length)))];
    }
}
