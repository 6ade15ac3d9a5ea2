using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Spps.Formats.Bitstreams;

/// <summary>
/// The erase component our STAPL and DAT files carry after the bitstream's components, as Microchip's files carry one
/// (a 32-block component of type 0 after the program components; DirectC's block 9). ERASE shifts it, and only it.
/// It is made from the bitstream's header alone, without any key, so whoever lays out the files can make it: a copy
/// of the header component marked <c>SPPS-ERA</c> instead of <c>SPPS-BIT</c>, indexed after the last component, with
/// the bitstream digest at 0x80 and, in its first 32 bytes, the SHA-256 of the rest of itself. It keeps the header's
/// design identity and DSN binding, so a device can tell that the erase is meant for it. See docs/formats/bitstream.md.
/// </summary>
public static class EraseComponent
{
    public const int Bytes = BitstreamFormat.HeaderBytes;
    public const int Blocks = Bytes / BitstreamFormat.BlockBytes;
    private const int BitstreamDigestOffset = 0x80;

    private static readonly byte[] _marker = "SPPS-ERA"u8.ToArray();

    /// <summary>The erase component of a bitstream of ours (built by <see cref="BitstreamFormat.Build"/>).</summary>
    public static byte[] For(ReadOnlySpan<byte> bitstream)
    {
        if (!BitstreamFormat.IsHeader(bitstream))
        {
            throw new ArgumentException("An erase component is made from a bitstream of ours, which starts with an SPPS-BIT header; this data does not.", nameof(bitstream));
        }

        var component = bitstream[..Bytes].ToArray();
        var componentCount = BinaryPrimitives.ReadUInt16LittleEndian(component.AsSpan(0x58));
        BinaryPrimitives.WriteUInt16LittleEndian(component.AsSpan(BitstreamFormat.IndexOffset), componentCount);
        _marker.CopyTo(component, BitstreamFormat.PreambleBytes);
        bitstream[..BitstreamFormat.DigestBytes].CopyTo(component.AsSpan(BitstreamDigestOffset));
        SHA256.HashData(component.AsSpan(BitstreamFormat.DigestBytes), component.AsSpan(0, BitstreamFormat.DigestBytes));
        return component;
    }

    /// <summary>What an erase component says: the design and device it erases, and the digest of its bitstream.</summary>
    public static (BitstreamHeader Header, byte[] BitstreamDigest) Read(ReadOnlySpan<byte> component)
    {
        if (component.Length != Bytes)
        {
            throw new FormatException($"an erase component has {Bytes} bytes, not {component.Length}");
        }

        if (!component.Slice(BitstreamFormat.PreambleBytes, _marker.Length).SequenceEqual(_marker))
        {
            throw new FormatException("the component is not an erase component (no SPPS-ERA marker)");
        }

        if (!SHA256.HashData(component[BitstreamFormat.DigestBytes..]).AsSpan().SequenceEqual(component[..BitstreamFormat.DigestBytes]))
        {
            throw new FormatException("the erase component's digest does not match its content (the data was altered)");
        }

        return (BitstreamFormat.HeaderFields(component), component.Slice(BitstreamDigestOffset, BitstreamFormat.DigestBytes).ToArray());
    }
}
