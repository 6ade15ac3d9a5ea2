using System.Buffers.Binary;
using System.Text;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Dat;

/// <summary>
/// Writes and reads DirectC .dat files: a 24-byte signature area, the header fields DirectC reads (little-endian), the
/// number of data blocks as the header's last byte, a lookup table of 9-byte records (id, start, length), the blocks,
/// and CRC-16/KERMIT over everything before it. Header size 66 for G4, 71 for G5. See docs/formats/dat.md.
/// </summary>
public static class DatFile
{
    public const int G4HeaderSize = 66;
    public const int G5HeaderSize = 71;
    private const int SignatureArea = 24;
    private const int LookupRecord = 9;
    private const int CrcPiece = 1 << 20;

    public static byte[] ToBytes(DatImage image, string creator)
    {
        using var buffer = new MemoryStream();
        Write(buffer, image, creator);
        return buffer.ToArray();
    }

    /// <summary>Writes the file to a stream: header and lookup table first, then each block as it is, the CRC computed on the way.</summary>
    public static void Write(Stream output, DatImage image, string creator)
    {
        if (image.Family is not (5 or 7 or 8))
        {
            throw new ArgumentException($"Family {image.Family} is not 5 (G4), 7 (G5) or 8 (G5 SoC).", nameof(image));
        }

        // DirectC reads 4 bytes from each count's first byte, so the packed counts get 3 bytes of room at the end.
        var blocks = new List<(DatBlockId Id, byte[] Data)> { (DatBlockId.NumberOfBlocks, [.. BlockCounts.Pack(image.ComponentBlocks), 0, 0, 0]) };
        blocks.AddRange(image.Blocks);
        var headerSize = image.IsG5 ? G5HeaderSize : G4HeaderSize;
        var size = headerSize + LookupRecord * blocks.Count + blocks.Sum(block => block.Data.Length) + 2;
        var head = new byte[headerSize + LookupRecord * blocks.Count];
        var signature = Encoding.ASCII.GetBytes((image.IsG5 ? "G5M-" : "G4M-") + creator);
        signature.AsSpan(0, Math.Min(signature.Length, SignatureArea)).CopyTo(head);
        head[24] = (byte)headerSize;
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(25), (uint)size);
        head[36] = image.Family;
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(37), image.IdCode);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(41), image.IdMask);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(45), image.SiliconSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(49), image.Checksum);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(51), image.BsrBits);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(53), (ushort)image.ComponentBlocks.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(55), image.DataSize);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(57), image.EraseDataSize);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(59), image.VerifyDataSize);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(61), image.EnvmDataSize);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(63), image.EnvmVerifyDataSize);
        if (image.IsG5)
        {
            head[65] = image.Uek1 ? (byte)1 : (byte)0;
            head[66] = image.Uek2 ? (byte)1 : (byte)0;
            head[67] = image.Dpk ? (byte)1 : (byte)0;
            head[68] = image.Uek3 ? (byte)1 : (byte)0;
            head[69] = image.ExceptionCode;
        }

        head[headerSize - 1] = (byte)blocks.Count;
        var offset = head.Length;
        for (var i = 0; i < blocks.Count; i++)
        {
            var record = head.AsSpan(headerSize + LookupRecord * i, LookupRecord);
            record[0] = (byte)blocks[i].Id;
            BinaryPrimitives.WriteUInt32LittleEndian(record[1..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(record[5..], (uint)blocks[i].Data.Length);
            offset += blocks[i].Data.Length;
        }

        var crc = KermitCrc.Update(0, head);
        output.Write(head);
        foreach (var (_, data) in blocks)
        {
            // Piece by piece, each written before its CRC is computed: a file on disk is then being written back while
            // the CRC of the next piece is worked out, rather than only once the whole block has been gone through.
            for (var at = 0; at < data.Length; at += CrcPiece)
            {
                var piece = data.AsSpan(at, Math.Min(CrcPiece, data.Length - at));
                output.Write(piece);
                crc = KermitCrc.Update(crc, piece);
            }
        }

        Span<byte> trailer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(trailer, crc);
        output.Write(trailer);
    }

    public static DatImage Read(byte[] bytes, string source)
    {
        if (bytes.Length < G4HeaderSize + 2)
        {
            throw Invalid(source, $"it has {bytes.Length} bytes, fewer than a header");
        }

        var signature = Encoding.ASCII.GetString(bytes, 0, 4);
        if (signature is not ("G4M-" or "G5M-"))
        {
            throw Invalid(source, $"it starts with '{signature}', not the G4M- or G5M- signature");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(25));
        if (size != bytes.Length)
        {
            throw Invalid(source, $"its header gives {size} bytes but the file has {bytes.Length} (truncated or padded)");
        }

        var stored = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 2));
        var computed = KermitCrc.Compute(bytes.AsSpan(0, bytes.Length - 2));
        if (stored != computed)
        {
            throw Invalid(source, $"its CRC is {stored:X4} but its content gives {computed:X4} (the file was altered or damaged)");
        }

        var family = bytes[36];
        int headerSize = bytes[24];
        var expected = signature == "G5M-" ? G5HeaderSize : G4HeaderSize;
        if (headerSize != expected || (signature == "G5M-") != family is 7 or 8 || family is not (5 or 7 or 8))
        {
            throw Invalid(source, $"header size {headerSize} and family {family} do not match the {signature} signature");
        }

        if (bytes.Length < headerSize + 2)
        {
            throw Invalid(source, $"it has {bytes.Length} bytes, fewer than its {headerSize}-byte header and CRC");
        }

        var count = bytes[headerSize - 1];
        var blocks = new List<(DatBlockId, byte[])>();
        IReadOnlyList<int>? componentBlocks = null;
        var components = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(53));
        for (var i = 0; i < count; i++)
        {
            var recordAt = headerSize + LookupRecord * i;
            if (recordAt + LookupRecord > bytes.Length - 2)
            {
                throw Invalid(source, $"its lookup table of {count} records runs past the end");
            }

            var id = (DatBlockId)bytes[recordAt];
            var start = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(recordAt + 1));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(recordAt + 5));
            if (start + (ulong)length > (ulong)bytes.Length - 2)
            {
                throw Invalid(source, $"block {(byte)id} ({start}, {length} bytes) runs past the end");
            }

            var data = bytes.AsSpan((int)start, (int)length).ToArray();
            if (id == DatBlockId.NumberOfBlocks)
            {
                componentBlocks = data.Length * 8 >= components * 22
                    ? BlockCounts.Unpack(data, components)
                    : throw Invalid(source, $"its NUMBER_OF_BLOCKS block holds {data.Length} bytes, too few for {components} components");
            }
            else
            {
                blocks.Add((id, data));
            }
        }

        return new DatImage
        {
            Family = family,
            IdCode = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(37)),
            IdMask = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(41)),
            SiliconSignature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(45)),
            Checksum = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(49)),
            BsrBits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(51)),
            DataSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(55)),
            EraseDataSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(57)),
            VerifyDataSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(59)),
            EnvmDataSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(61)),
            EnvmVerifyDataSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(63)),
            Uek1 = family != 5 && bytes[65] != 0,
            Uek2 = family != 5 && bytes[66] != 0,
            Dpk = family != 5 && bytes[67] != 0,
            Uek3 = family != 5 && bytes[68] != 0,
            ExceptionCode = family != 5 ? bytes[69] : (byte)0,
            ComponentBlocks = componentBlocks ?? throw Invalid(source, "it has no NUMBER_OF_BLOCKS block (id 5)"),
            Blocks = blocks,
        };
    }

    private static DatFormatException Invalid(string source, string reason) => new(source, reason);
}
