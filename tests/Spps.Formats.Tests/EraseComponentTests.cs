using System.Buffers.Binary;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

public class EraseComponentTests
{
    private const string Sample = "stapl/M2GL025_1_base.stp";
    private static readonly byte[] _dsn = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    private static BitstreamHeader Header(byte[]? dsn = null) => new()
    {
        FamilyCode = 7, TypeCode = 3, IdCode = 0x0F8181CF, Checksum = 0x8516, DesignName = "PROC_SUBSYSTEM", DesignVersion = 7, BackLevel = 2, Dsn = dsn,
    };

    private static BuiltBitstream Bitstream(byte[]? dsn = null) =>
        BitstreamFormat.Build(Header(dsn), [new(ComponentType.Fabric, KeyMode.Klk, [.. Enumerable.Range(0, 700).Select(i => (byte)i)])], _ => Klk.For(7));

    [Fact]
    public void It_is_a_32_block_component_of_type_0_that_follows_the_last_component()
    {
        var bitstream = Bitstream();
        var erase = EraseComponent.For(bitstream.Bytes);

        Assert.Equal(32 * 16, erase.Length);
        Assert.Equal(ComponentType.Header, erase[BitstreamFormat.TypeOffset]);
        Assert.Equal((byte)KeyMode.None, erase[BitstreamFormat.TypeOffset + 1]);
        Assert.Equal(bitstream.ComponentBlocks.Count, BinaryPrimitives.ReadUInt16LittleEndian(erase.AsSpan(BitstreamFormat.IndexOffset)));
        Assert.False(BitstreamFormat.IsHeader(erase), "an erase component must never pass for a bitstream header");
    }

    [Fact]
    public void It_carries_the_design_identity_and_the_digest_of_its_bitstream_and_reads_back()
    {
        var bitstream = Bitstream();
        var (header, digest) = EraseComponent.Read(EraseComponent.For(bitstream.Bytes));

        Assert.Equal(BitstreamFormat.Read(bitstream.Bytes).Header with { Dsn = null }, header with { Dsn = null });
        Assert.Null(header.Dsn);
        Assert.Equal(bitstream.Bytes[..32], digest);
    }

    [Fact]
    public void A_per_device_bitstream_s_erase_component_is_bound_to_the_same_device()
    {
        Assert.Equal(_dsn, EraseComponent.Read(EraseComponent.For(Bitstream(_dsn).Bytes)).Header.Dsn);
    }

    [Fact]
    public void The_same_bitstream_gives_the_same_erase_component()
    {
        Assert.Equal(EraseComponent.For(Bitstream().Bytes), EraseComponent.For(Bitstream().Bytes));
    }

    [Theory]
    [InlineData(0x15F, "digest does not match")]
    [InlineData(0x80, "digest does not match")]
    [InlineData(0x41, "no SPPS-ERA marker")]
    public void An_altered_erase_component_is_refused(int offset, string reason)
    {
        var erase = EraseComponent.For(Bitstream().Bytes);
        erase[offset] ^= 0x01;
        Assert.Contains(reason, Assert.Throws<FormatException>(() => EraseComponent.Read(erase)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bitstream_header_or_a_short_component_is_not_an_erase_component()
    {
        var bytes = Bitstream().Bytes;
        Assert.Contains("no SPPS-ERA marker", Assert.Throws<FormatException>(() => EraseComponent.Read(bytes.AsSpan(0, 512))).Message, StringComparison.Ordinal);
        Assert.Contains("512 bytes, not 496", Assert.Throws<FormatException>(() => EraseComponent.Read(new byte[496])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_bitstream_of_ours_gives_an_erase_component()
    {
        Assert.Throws<ArgumentException>(() => EraseComponent.For(new byte[4096]));
    }

    [SkippableFact]
    public void Microchip_s_erase_component_is_also_the_last_component_32_blocks_of_type_0()
    {
        var sample = Samples.Require(Sample);
        var file = StaplFile.Read(File.ReadAllBytes(sample), sample);
        var blocks = file.BooleanArray("GV", "NUMOFBLOCKS")!;
        var counts = BlockCounts.Unpack(blocks.Data, blocks.Bits / BlockCounts.BitsPerCount);
        var start = file.Integer("GV", "DATAERASESTARTINDEX")!.Value;

        Assert.Equal((5, 1, 6), (file.Integer("GV", "DATASIZE"), file.Integer("GV", "DATAERASESIZE"), file.Integer("GV", "NUMOFCOMPONENTS")));
        Assert.Equal(counts[..5].Sum() * 128, start);
        Assert.Equal(EraseComponent.Blocks, counts[^1]);
        Assert.Equal(ComponentType.Header, file.BooleanArray("BITSTREAM", "DATASTREAM")!.Data[(start / 8) + BitstreamFormat.TypeOffset]);
    }
}
