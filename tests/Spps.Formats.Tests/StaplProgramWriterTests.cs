using System.Text;
using System.Text.RegularExpressions;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

public class StaplProgramWriterTests
{
    private const string Sample = "stapl/M2GL025_1_base.stp";

    internal static StaplImage Image(string device, byte[]? datastream = null, int[]? blocks = null, byte[]? erase = null) => new()
    {
        Device = DeviceCatalog.Find(device),
        Package = "FG484",
        DesignName = "top_design",
        Checksum = 0xA63C,
        SiliconSignature = 0x12345678,
        ProgramsSecurity = true,
        Creator = "SPPS Job Manager",
        CreatorVersion = "0.5.0",
        Created = new DateTime(2026, 11, 22, 9, 30, 5, DateTimeKind.Local),
        Datastream = datastream ?? Enumerable.Range(0, 16 * 40).Select(i => (byte)(i * 7 % 251)).ToArray(),
        ComponentBlocks = blocks ?? [4, 30, 6],
        EraseDatastream = erase ?? Enumerable.Range(0, 16 * 32).Select(i => (byte)(i * 11 % 253)).ToArray(),
    };

    [Theory]
    [InlineData("M2S010S")]
    [InlineData("MPF300T")]
    [InlineData("MPFS250T")]
    public void Write_then_read_gives_the_same_image_and_the_same_bytes(string device)
    {
        var image = Image(device);
        var bytes = StaplProgramWriter.ToBytes(image);
        var file = StaplFile.Read(bytes, "ours.stp");
        var back = StaplImage.From(file, "ours.stp");

        Assert.Equal(image.Datastream, back.Datastream);
        Assert.Equal(image.ComponentBlocks, back.ComponentBlocks);
        Assert.Equal(image.EraseDatastream, back.EraseDatastream);
        Assert.Equal((image.Device, image.Package, image.DesignName, image.Checksum, image.SiliconSignature, image.ProgramsSecurity, image.Created),
            (back.Device, back.Package.ToUpperInvariant(), back.DesignName, back.Checksum, back.SiliconSignature, back.ProgramsSecurity, back.Created));
        Assert.Equal(bytes, StaplProgramWriter.ToBytes(back with { Package = image.Package }));
        Assert.Equal((ulong)image.Die.IdCode, file.BooleanArray("GV", "IDCODEVALUE")!.Value(31, 0));
    }

    [Fact]
    public void The_erase_component_follows_the_program_components_as_in_microchip_s_file()
    {
        var file = StaplFile.Read(StaplProgramWriter.ToBytes(Image("M2S010")), "ours.stp");
        AssertEraseLayout(file, "BITSTREAM", [4, 30, 6, 32]);
        var datastream = file.BooleanArray("BITSTREAM", "DATASTREAM")!.Data;
        Assert.Equal(Image("M2S010").EraseDatastream, datastream[(40 * 16)..]);
    }

    [SkippableFact]
    public void Microchip_s_file_lays_out_its_erase_component_the_same_way()
    {
        var sample = Samples.Require(Sample);
        AssertEraseLayout(StaplFile.Read(File.ReadAllBytes(sample), sample), "GV", [32, 91, 76321, 619, 25, 32]);
    }

    // NUMOFCOMPONENTS counts the program components (DATASIZE) and the erase components (DATAERASESIZE) after them,
    // whose data starts at DATAERASESTARTINDEX, the program components' bits.
    private static void AssertEraseLayout(StaplFile file, string block, int[] counts)
    {
        var packed = file.BooleanArray(block, "NUMOFBLOCKS")!;
        Assert.Equal(counts, BlockCounts.Unpack(packed.Data, packed.Bits / BlockCounts.BitsPerCount));
        Assert.Equal((counts.Length, counts.Length - 1, 1), (file.Integer(block, "NUMOFCOMPONENTS"), file.Integer(block, "DATASIZE"), file.Integer(block, "DATAERASESIZE")));
        Assert.Equal(counts[..^1].Sum() * 128, file.Integer(block, "DATAERASESTARTINDEX"));
        Assert.Equal(counts.Sum() * 128, file.BooleanArray("BITSTREAM", "DATASTREAM")!.Bits);
    }

    [Fact]
    public void Notes_and_actions_come_in_flashpro_s_order()
    {
        var file = StaplFile.Read(StaplProgramWriter.ToBytes(Image("M2GL025")), "ours.stp");
        var sampleOrder = new[]
        {
            "CREATOR", "CAPTURE", "DEVICE", "PACKAGE", "DATE", "TIME", "STAPL_VERSION", "VENDOR", "IDCODE", "IDMASK", "DESIGN", "DESIGN_DIRECTORY",
            "CHECKSUM", "SECURITY", "ALG_VERSION", "MAP_VERSION", "TOOL_VERSION", "MAX_FREQ", "SILSIG", "SPEED_GRAD", "TEMP_GRAD",
            "PLAYER_VERSION_VARIABLE", "PLAYER_VERSION_SW_VARIABLE",
        };
        Assert.Equal(sampleOrder, file.Notes.Select(note => note.Key));
        Assert.Equal(("0F8041CF", "0FFFFFFF", "M2GL025-fg484", "2026/11/22", "09:30:05", "A63C", "12345678"),
            (file.Note("IDCODE"), file.Note("IDMASK"), file.Note("PACKAGE"), file.Note("DATE"), file.Note("TIME"), file.Note("CHECKSUM"), file.Note("SILSIG")));
        Assert.Equal(["ERASE", "PROGRAM", "VERIFY", "VERIFY_DIGEST", "ENC_DATA_AUTHENTICATION", "READ_IDCODE", "DEVICE_INFO"], file.Actions.Select(a => a.Name));
        Assert.Equal(("DO_VERIFY", "OPTIONAL"), file.Actions[1].Steps[3]);
    }

    [SkippableFact]
    public void Notes_and_actions_match_the_real_file_s_order()
    {
        var sample = Samples.Require(Sample);
        var real = StaplFile.Read(File.ReadAllBytes(sample), sample);
        var ours = StaplFile.Read(StaplProgramWriter.ToBytes(Image("M2GL025")), "ours.stp");
        Assert.Equal(real.Notes.Select(n => n.Key), ours.Notes.Select(n => n.Key));
        Assert.Equal(real.Actions, ours.Actions, (a, b) => a!.Name == b!.Name && a.Steps.SequenceEqual(b.Steps));
    }

    [Theory]
    [InlineData("M2S010")]
    [InlineData("MPF300T")]
    public void Lines_are_ascii_crlf_and_at_most_80_columns(string device)
    {
        var bytes = StaplProgramWriter.ToBytes(Image(device, new byte[16 * 300], [300]));
        Assert.All(bytes, b => Assert.True(b < 0x80, "ASCII only"));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.EndsWith("ENDPROC;\r\n\r\n\r\nCRC " + StaplCrc.Compute(bytes.AsSpan(0, text.LastIndexOf("CRC ", StringComparison.Ordinal))).ToString("X4") + ";\r\n", text);
    }

    [Fact]
    public void Literals_fill_the_first_line_to_column_80_then_8_spaces_and_72_characters()
    {
        using var memory = new MemoryStream();
        new StaplTextWriter(memory).Literal("    BOOLEAN X[6000] = @", Encoding.ASCII.GetBytes(new string('a', 57 + 72 + 10)));
        var lines = Encoding.ASCII.GetString(memory.ToArray()).Split("\r\n");
        Assert.Equal("    BOOLEAN X[6000] = @" + new string('a', 57), lines[0]);
        Assert.Equal("        " + new string('a', 72), lines[1]);
        Assert.Equal("        " + new string('a', 10) + ";", lines[2]);
    }

    [Fact]
    public void A_full_last_line_puts_the_semicolon_on_a_line_of_its_own()
    {
        using var memory = new MemoryStream();
        new StaplTextWriter(memory).Literal("    BOOLEAN X[6000] = @", Encoding.ASCII.GetBytes(new string('b', 57 + 72)));
        Assert.Equal(["    BOOLEAN X[6000] = @" + new string('b', 57), "        " + new string('b', 72), "        ;", ""],
            Encoding.ASCII.GetString(memory.ToArray()).Split("\r\n"));
    }

    [Fact]
    public void A_literal_of_many_lines_is_laid_out_line_by_line_whatever_its_length()
    {
        var characters = Enumerable.Range(0, 200_003).Select(i => (byte)"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@"[i % 61]).ToArray();
        var text = Encoding.ASCII.GetString(characters);
        const string Head = "    BOOLEAN X[1200018] = @";
        var expected = new StringBuilder(Head).Append(text[..(80 - Head.Length)]);
        for (var offset = 80 - Head.Length; offset < text.Length; offset += 72)
        {
            expected.Append("\r\n        ").Append(text[offset..Math.Min(offset + 72, text.Length)]);
        }

        using var memory = new MemoryStream();
        new StaplTextWriter(memory).Literal(Head, characters);

        Assert.Equal(expected.Append(";\r\n").ToString(), Encoding.ASCII.GetString(memory.ToArray()));
    }

    [SkippableFact]
    public void The_real_datastream_is_laid_out_exactly_as_flashpro_lays_it_out()
    {
        var sample = Samples.Require(Sample);
        var bytes = File.ReadAllBytes(sample);
        var text = Encoding.ASCII.GetString(bytes);
        var start = text.IndexOf("    BOOLEAN DATASTREAM[", StringComparison.Ordinal);
        var end = text.IndexOf(";\r\n", start, StringComparison.Ordinal) + 3;
        var datastream = StaplFile.Read(bytes, sample).BooleanArray("BITSTREAM", "DATASTREAM")!;

        using var memory = new MemoryStream();
        new StaplTextWriter(memory).Literal($"    BOOLEAN DATASTREAM[{datastream.Bits}] = @", Encoding.ASCII.GetBytes(Aca.Encode(datastream.Data)));
        Assert.Equal(text[start..end], Encoding.ASCII.GetString(memory.ToArray()));
    }

    [Fact]
    public void Uses_the_opcodes_of_the_device_generation()
    {
        string Procedures(string device) => string.Join("\n", StaplFile.Read(StaplProgramWriter.ToBytes(Image(device)), "x").Procedures
            .SelectMany(p => p.Value).Select(s => s.Text));
        var g4 = Procedures("M2S025");
        var g5 = Procedures("MPF100T");
        Assert.Contains("IRSCAN 8, $80", g4, StringComparison.Ordinal);
        Assert.Contains("IRSCAN 8, $c9", g4, StringComparison.Ordinal);
        Assert.Contains("IRSCAN 8, $0b", g5, StringComparison.Ordinal);
        Assert.Contains("IRSCAN 8, $d8", g5, StringComparison.Ordinal);
        Assert.Contains("IRSCAN 8, $ee", g5, StringComparison.Ordinal);
        Assert.Contains("IRSCAN 8, $0d", g5, StringComparison.Ordinal);
        Assert.DoesNotContain("IRSCAN 8, $80", g5, StringComparison.Ordinal);
        Assert.DoesNotContain("IRSCAN 8, $8f", g5, StringComparison.Ordinal);
    }

    [Fact]
    public void Procedures_only_call_and_jump_to_what_they_declare()
    {
        var file = StaplFile.Read(StaplProgramWriter.ToBytes(Image("M2S010")), "x");
        var text = Encoding.ASCII.GetString(StaplProgramWriter.ToBytes(Image("M2S010")));
        var uses = Regex.Matches(text, @"PROCEDURE (\w+) USES ([\w,]+);").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Split(','));
        var blocks = new[] { "PARAMETERS", "GV", "BITSTREAM" };
        foreach (var (name, statements) in file.Procedures)
        {
            Assert.All(uses[name], used => Assert.True(blocks.Contains(used) || file.Procedures.ContainsKey(used), $"{name} uses unknown {used}"));
            var labels = statements.Select(s => Regex.Match(s.Text, @"^(\w+):")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            foreach (var statement in statements)
            {
                if (Regex.Match(statement.Text, @"CALL (\w+)") is { Success: true } call)
                {
                    Assert.Contains(call.Groups[1].Value, uses[name]);
                }

                if (Regex.Match(statement.Text, @"GOTO (\w+)") is { Success: true } jump)
                {
                    Assert.Contains(jump.Groups[1].Value, labels);
                }
            }
        }

        var allLabels = file.Procedures.SelectMany(p => p.Value).Select(s => Regex.Match(s.Text, @"^(\w+):")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(allLabels.Count, allLabels.Distinct().Count());
        foreach (var action in file.Actions)
        {
            Assert.All(action.Steps, step => Assert.Contains(step.Procedure, file.Procedures.Keys));
        }
    }

    [Fact]
    public void Refuses_an_erase_component_that_is_not_whole_blocks()
    {
        var error = Assert.Throws<ArgumentException>(() => StaplProgramWriter.ToBytes(Image("M2S010", erase: new byte[20])));
        Assert.Contains("20 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_datastream_that_disagrees_with_its_block_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => StaplProgramWriter.ToBytes(Image("M2S010", new byte[16 * 3], [4])));
        Assert.Contains("48 bytes", error.Message, StringComparison.Ordinal);
    }
}
