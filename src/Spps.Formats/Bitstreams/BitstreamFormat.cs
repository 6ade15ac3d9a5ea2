using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Spps.Devices;

namespace Spps.Formats.Bitstreams;

/// <summary>
/// Our bitstream: components of whole 128-bit blocks. Every component starts with a 64-byte preamble (nonce, tag,
/// type at byte 48, key mode at 49, index, payload length); the header component (type 0, 32 blocks) is plaintext and
/// carries the design identity where Microchip's header does (checksum at 0x15D, design name at 0x15F, design
/// version at 0x17D, back level at 0x17F) and the digest of all that follows; every other component is encrypted and
/// authenticated with AES-256-GCM under the key of its mode, bound to the header. See docs/formats/bitstream.md.
/// </summary>
public static class BitstreamFormat
{
    public const int BlockBytes = 16;
    public const int PreambleBytes = 64;
    public const int HeaderBytes = 512;
    public const int TypeOffset = 48;
    public const int IndexOffset = 50;

    /// <summary>The header's first bytes: the bitstream digest, SHA-256 of everything after the header.</summary>
    public const int DigestBytes = 32;

    private static readonly byte[] _magic = "SPPS-BIT"u8.ToArray();

    /// <summary>
    /// Builds a bitstream; <paramref name="keyFor"/> gives the 32-byte key of each key mode used. Each payload is read
    /// once, copied into its place in the output, where its nonce is derived and it is encrypted in place: a payload
    /// another thread changes meanwhile cannot give one nonce to two plaintexts, so a caller needs no copy of its own.
    /// </summary>
    public static BuiltBitstream Build(BitstreamHeader header, IReadOnlyList<BitstreamComponent> components, Func<KeyMode, byte[]> keyFor)
    {
        // Sizes first, so every component is sealed straight into the one output buffer.
        var lengths = components.Select(component => Padded(PreambleBytes + component.Payload.Length)).ToList();
        var bytes = new byte[HeaderBytes + lengths.Sum()];
        var headerComponent = bytes.AsSpan(0, HeaderBytes);
        WriteHeader(header, components.Count + 1, headerComponent);
        var offset = HeaderBytes;
        for (var i = 0; i < components.Count; i++)
        {
            Seal(components[i], (ushort)(i + 1), headerComponent, keyFor(components[i].KeyMode), bytes.AsSpan(offset, lengths[i]));
            offset += lengths[i];
        }

        // The header's first 32 bytes: the digest of everything after it (the bitstream digest).
        SHA256.HashData(bytes.AsSpan(HeaderBytes), bytes.AsSpan(0, 32));
        return new BuiltBitstream(bytes, [HeaderBytes / BlockBytes, .. lengths.Select(length => length / BlockBytes)]);
    }

    /// <summary>Reads the header and the component layout of a bitstream, checking its structure and digest.</summary>
    public static (BitstreamHeader Header, IReadOnlyList<(byte Type, KeyMode Mode, int Offset, int Length)> Components) Read(ReadOnlySpan<byte> bytes)
    {
        var layout = Layout(bytes);
        if (!SHA256.HashData(bytes[HeaderBytes..]).AsSpan().SequenceEqual(bytes[..DigestBytes]))
        {
            throw new FormatException("the bitstream digest in the header does not match its components (the data was altered)");
        }

        return layout;
    }

    /// <summary>
    /// Reads the header and the component layout of a bitstream, checking its structure but not its digest: for a
    /// bitstream as its builder just returned it (in this process, or in an authenticated reply), where the digest's
    /// pass over every byte would only check the builder's own work.
    /// </summary>
    public static (BitstreamHeader Header, IReadOnlyList<(byte Type, KeyMode Mode, int Offset, int Length)> Components) Layout(ReadOnlySpan<byte> bytes)
    {
        if (!IsHeader(bytes))
        {
            throw new FormatException("the data is not an SPPS bitstream (no SPPS-BIT header)");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x58..]);
        var components = new List<(byte, KeyMode, int, int)>();
        var offset = HeaderBytes;
        for (var i = 1; i < count; i++)
        {
            if (offset + PreambleBytes > bytes.Length)
            {
                throw new FormatException($"component {i} starts beyond the end of the data (it is truncated)");
            }

            // The length is compared with what is left before any sum is made, so a huge one cannot wrap around.
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 52)..]);
            var total = length >= 0 && length <= bytes.Length - offset - PreambleBytes ? Padded(PreambleBytes + length) : int.MaxValue;
            if (offset + (long)total > bytes.Length)
            {
                throw new FormatException($"component {i} runs beyond the end of the data (it is truncated)");
            }

            components.Add((bytes[offset + TypeOffset], (KeyMode)bytes[offset + 49], offset, total));
            offset += total;
        }

        if (offset != bytes.Length)
        {
            throw new FormatException($"{bytes.Length - offset} bytes follow the last component");
        }

        return (HeaderFields(bytes), components);
    }

    /// <summary>The design and device identity of a header component (or of a component laid out as one).</summary>
    internal static BitstreamHeader HeaderFields(ReadOnlySpan<byte> bytes)
    {
        var dsn = bytes[0x5A] != 0 ? bytes.Slice(0x60, 16).ToArray() : null;
        return new BitstreamHeader
        {
            FamilyCode = bytes[0x4A],
            TypeCode = bytes[0x4B],
            IdCode = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x4C..]),
            IdMask = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x50..]),
            SiliconSignature = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x54..]),
            Checksum = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x15D..]),
            DesignName = Encoding.ASCII.GetString(bytes.Slice(0x15F, 30)).TrimEnd('\0'),
            DesignVersion = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x17D..]),
            BackLevel = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x17F..]),
            Dsn = dsn,
        };
    }

    /// <summary>Whether the data starts with a header component of ours (its length and the SPPS-BIT marker).</summary>
    public static bool IsHeader(ReadOnlySpan<byte> bytes) => bytes.Length >= HeaderBytes && bytes.Slice(PreambleBytes, _magic.Length).SequenceEqual(_magic);

    /// <summary>Decrypts one component (as <see cref="Read"/> locates it) with its key; throws when the key is wrong or the data altered.</summary>
    public static byte[] Open(ReadOnlySpan<byte> bytes, int offset, byte[] key)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 52)..]);
        var payload = new byte[length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(bytes.Slice(offset, 12), bytes.Slice(offset + PreambleBytes, length), bytes.Slice(offset + 12, 16), payload,
            AssociatedData(bytes[..HeaderBytes], bytes.Slice(offset + TypeOffset, 16)));
        return payload;
    }

    private static void WriteHeader(BitstreamHeader header, int componentCount, Span<byte> bytes)
    {
        bytes[TypeOffset] = ComponentType.Header;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[52..], HeaderBytes - PreambleBytes);
        _magic.CopyTo(bytes[PreambleBytes..]);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[0x48..], 1);
        bytes[0x4A] = header.FamilyCode;
        bytes[0x4B] = header.TypeCode;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[0x4C..], header.IdCode);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[0x50..], header.IdMask);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[0x54..], header.SiliconSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[0x58..], (ushort)componentCount);
        if (header.Dsn is { } dsn)
        {
            bytes[0x5A] = 1;
            dsn.CopyTo(bytes[0x60..]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(bytes[0x15D..], header.Checksum);
        var name = Encoding.ASCII.GetBytes(header.DesignName);
        name.AsSpan(0, Math.Min(30, name.Length)).CopyTo(bytes[0x15F..]);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[0x17D..], header.DesignVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[0x17F..], header.BackLevel);
    }

    private static void Seal(BitstreamComponent component, ushort index, ReadOnlySpan<byte> header, byte[] key, Span<byte> bytes)
    {
        bytes[TypeOffset] = component.Type;
        bytes[49] = (byte)component.KeyMode;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[50..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[52..], (uint)component.Payload.Length);
        var associated = AssociatedData(header, bytes.Slice(TypeOffset, 16));

        // The nonce and the ciphertext come from this one copy, never from the caller's array read twice.
        var payload = bytes.Slice(PreambleBytes, component.Payload.Length);
        component.Payload.CopyTo(payload);

        // A deterministic nonce (SIV-style): the same inputs give the same bytes; any change gives another nonce.
        using (var nonce = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key))
        {
            nonce.AppendData(associated);
            nonce.AppendData(payload);
            nonce.GetHashAndReset().AsSpan(0, 12).CopyTo(bytes);
        }

        using var aes = new AesGcm(key, 16);
        aes.Encrypt(bytes[..12], payload, payload, bytes.Slice(12, 16), associated);
    }

    // Each component is bound to the whole header (after its digest area) and to its own preamble fields.
    private static byte[] AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> preamble) => [.. header[TypeOffset..HeaderBytes], .. preamble];

    private static int Padded(int length) => (length + BlockBytes - 1) / BlockBytes * BlockBytes;
}
