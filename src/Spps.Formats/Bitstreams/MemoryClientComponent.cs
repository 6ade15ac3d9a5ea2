using System.Buffers.Binary;
using System.Text;

namespace Spps.Formats.Bitstreams;

/// <summary>A memory client as a component carries it: where it goes, its kind, its name and its content.</summary>
/// <param name="Location">The eNVM address, or the sNVM start page.</param>
/// <param name="Kind">0 plain, 1 authenticated, 2 encrypted (sNVM); 0 for eNVM.</param>
public sealed record MemoryClientPayload(uint Location, byte Kind, string Name, byte[] Content);

/// <summary>
/// The payload of a memory client component (eNVM or sNVM): location (u32, little-endian), kind (u8), the client's
/// name (ASCII, NUL-padded to 30 bytes), then the content. See docs/formats/bitstream.md.
/// </summary>
public static class MemoryClientComponent
{
    public const int NameBytes = 30;
    public const int HeaderBytes = 4 + 1 + NameBytes;

    public static byte[] Encode(MemoryClientPayload client)
    {
        var payload = new byte[HeaderBytes + client.Content.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, client.Location);
        payload[4] = client.Kind;
        var name = Encoding.ASCII.GetBytes(client.Name);
        name.AsSpan(0, Math.Min(NameBytes, name.Length)).CopyTo(payload.AsSpan(5));
        client.Content.CopyTo(payload, HeaderBytes);
        return payload;
    }

    /// <summary>Reads a payload <see cref="Encode"/> wrote; throws <see cref="FormatException"/> for one too short to hold its header.</summary>
    public static MemoryClientPayload Decode(ReadOnlySpan<byte> payload) => payload.Length < HeaderBytes
        ? throw new FormatException($"a memory client component has a {HeaderBytes}-byte header; this payload has {payload.Length} bytes")
        : new MemoryClientPayload(BinaryPrimitives.ReadUInt32LittleEndian(payload), payload[4],
            Encoding.ASCII.GetString(payload.Slice(5, NameBytes)).TrimEnd('\0'), payload[HeaderBytes..].ToArray());
}
