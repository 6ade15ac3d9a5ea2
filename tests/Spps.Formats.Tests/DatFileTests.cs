using System.Buffers.Binary;
using Spps.Formats.Bitstreams;
using Spps.Formats.Dat;

namespace Spps.Formats.Tests;

public class DatFileTests
{
    private static DatImage Image(byte family) => new()
    {
        Family = family,
        IdCode = family == 5 ? 0x0F8041CFu : 0x0F8181CFu,
        SiliconSignature = 0x12345678,
        Checksum = 0x8516,
        DataSize = 3,
        EraseDataSize = 1,
        Uek1 = family != 5,
        ExceptionCode = family == 7 ? (byte)13 : (byte)0,
        ComponentBlocks = [32, 0x3FFFFF, 7, 1],
        Blocks = [(DatBlockId.Datastream, Enumerable.Range(0, 4 * 16).Select(i => (byte)i).ToArray()), (DatBlockId.Upk1, new byte[32])],
    };

    [Fact]
    public void The_crc_is_crc16_kermit() => Assert.Equal(0x2189, KermitCrc.Compute("123456789"u8));

    [Theory]
    [InlineData(5, 66)]
    [InlineData(7, 71)]
    [InlineData(8, 71)]
    public void Round_trips_to_the_same_bytes_with_the_header_directc_reads(byte family, int headerSize)
    {
        var bytes = DatFile.ToBytes(Image(family), "SPPS");
        Assert.Equal(headerSize, bytes[24]);
        Assert.Equal(bytes.Length, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(25)));
        Assert.Equal(family, bytes[36]);
        Assert.Equal(Image(family).IdCode, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(37)));
        Assert.Equal(0x8516, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(49)));
        Assert.Equal(3, bytes[headerSize - 1]); // NUMBER_OF_BLOCKS, datastream, UPK1
        Assert.Equal((byte)DatBlockId.NumberOfBlocks, bytes[headerSize]);
        Assert.Equal(KermitCrc.Compute(bytes.AsSpan(0, bytes.Length - 2)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 2)));

        var read = DatFile.Read(bytes, "x.dat");
        Assert.Equal([32, 0x3FFFFF, 7, 1], read.ComponentBlocks);
        Assert.Equal((Image(family).Uek1, Image(family).ExceptionCode, (ushort)3, (ushort)1), (read.Uek1, read.ExceptionCode, read.DataSize, read.EraseDataSize));
        Assert.Equal(bytes, DatFile.ToBytes(read, "SPPS"));
    }

    [Fact]
    public void Block_counts_are_packed_in_22_bits_as_directc_unpacks_them()
    {
        int[] counts = [1, 2, 0x3FFFFF, 12345, 0, 99];
        byte[] packed = [.. BlockCounts.Pack(counts), 0, 0, 0]; // DirectC reads 4 bytes from each count's first byte
        for (var k = 0; k < counts.Length; k++)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(packed.AsSpan(k * 22 / 8));
            Assert.Equal(counts[k], (int)((word >> (k * 22 % 8)) & 0x3FFFFF));
        }

        Assert.Equal(counts, BlockCounts.Unpack(BlockCounts.Pack(counts), counts.Length));
    }

    [Fact]
    public void A_changed_byte_a_truncated_file_or_another_signature_is_refused()
    {
        var bytes = DatFile.ToBytes(Image(7), "SPPS");
        var altered = bytes.ToArray();
        altered[100] ^= 1;
        Assert.Contains("its CRC is", Assert.Throws<DatFormatException>(() => DatFile.Read(altered, "x.dat")).Message);
        Assert.Contains("truncated or padded", Assert.Throws<DatFormatException>(() => DatFile.Read(bytes[..^5], "x.dat")).Message);
        var foreign = bytes.ToArray();
        "Desi"u8.CopyTo(foreign);
        Assert.Contains("not the G4M- or G5M- signature", Assert.Throws<DatFormatException>(() => DatFile.Read(foreign, "x.dat")).Message);
        Assert.Contains("fewer than a header", Assert.Throws<DatFormatException>(() => DatFile.Read(new byte[10], "x.dat")).Message);
    }

    [Fact]
    public void A_g5_file_shorter_than_its_header_is_refused()
    {
        // Every check before the header's fields passes: signature, size, CRC, header size 71 and family 7.
        var bytes = new byte[70];
        "G5M-"u8.CopyTo(bytes);
        bytes[24] = DatFile.G5HeaderSize;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(25), (uint)bytes.Length);
        bytes[36] = 7;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(68), KermitCrc.Compute(bytes.AsSpan(0, 68)));
        var error = Assert.Throws<DatFormatException>(() => DatFile.Read(bytes, "x.dat"));
        Assert.Equal("'x.dat' is not a valid .dat file: it has 70 bytes, fewer than its 71-byte header and CRC.", error.Message);
    }
}
