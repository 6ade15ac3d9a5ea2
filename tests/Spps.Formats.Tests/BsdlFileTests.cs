using System.Text;
using Spps.Formats.Bsdl;

namespace Spps.Formats.Tests;

public class BsdlFileTests
{
    internal const string Synthetic =
        "-- a synthetic device\r\n" +
        "entity my_part is\r\n\tgeneric (PHYSICAL_PIN_MAP : string := \"PKG\");\r\n" +
        "  port (TCK: in bit; TDI: in bit; TDO: out bit; TMS: in bit);\r\n  use STD_1149_1_2001.all;\r\n" +
        "  ATTRIBUTE tap_scan_clock OF tck : SIGNAL IS (2.5e7, BOTH);\r\n" +
        "  attribute INSTRUCTION_LENGTH of MY_PART : entity is 8;\r\n" +
        "  attribute INSTRUCTION_OPCODE of my_part : entity is\r\n" +
        "    \"EXTEST (00000000),\" & -- comment; with a semicolon\r\n" +
        "    \"SAMPLE (00000001) (10000001),\" &\r\n" +
        "    -- a whole comment line inside the concatenation\r\n" +
        "    \"IDCODE (00001111),\" & \"BYPASS (11111111)\";\r\n" +
        "  attribute INSTRUCTION_CAPTURE of my_part : entity is \"XXXXXX01\";\r\n" +
        "  attribute IDCODE_REGISTER of my_part : entity is\r\n" +
        "    \"XXXX\" & \"1111100000000100\" & -- part\r\n    \"00011100111\" & \"1\";\r\n" +
        "  attribute BOUNDARY_LENGTH of my_part : entity is 3;\r\n" +
        "end my_part;\r\n";

    private static BsdlFile Read(string text) => BsdlFile.Read(Encoding.ASCII.GetBytes(text), "part.bsd");

    [SkippableTheory]
    [InlineData("xc3s400_pq208.bsd", "XC3S400_PQ208", 6, 0x0141C093u, 815, 33e6, "001001")]
    [InlineData("xc9536_pc44.bsd", "xc9536_pc44", 8, 0x09502093u, 108, 1e7, "11111110")]
    [InlineData("STM32F4_LQFP144.bsd", "STM32F4_LQFP144", 5, 0x06413041u, 406, 10e6, "00001")]
    [InlineData("CortexMx.bsd", "CortexMx", 4, 0x0BA00477u, 1, 10e6, "1110")]
    public void Reads_the_real_files(string file, string entity, int ir, uint idcode, int boundary, double tck, string idcodeOpcode)
    {
        var path = Samples.Require("bsdl/" + file);
        var bsdl = BsdlFile.Read(File.ReadAllBytes(path), path);
        Assert.Equal((entity, ir, boundary, tck), (bsdl.Entity, bsdl.InstructionLength, bsdl.BoundaryLength, bsdl.MaxTckHz));
        Assert.Equal(idcode, bsdl.IdCode!.Value.Value);
        Assert.Equal(idcodeOpcode, bsdl.Opcodes["IDCODE"][0]);
        Assert.Equal(new string('1', ir), bsdl.Opcodes["BYPASS"][0]);
    }

    [SkippableFact]
    public void A_file_without_an_idcode_register_describes_a_device_in_bypass()
    {
        var path = Samples.Require("bsdl/sctm001.bsm");
        var bsdl = BsdlFile.Read(File.ReadAllBytes(path), path);
        Assert.Equal(("sn74bct8240a", 8, 18, 20e6), (bsdl.Entity, bsdl.InstructionLength, bsdl.BoundaryLength, bsdl.MaxTckHz));
        Assert.Null(bsdl.IdCode);
        Assert.Equal("10000001", bsdl.InstructionCapture);
    }

    [Fact]
    public void An_attribute_right_after_the_entity_header_is_read()
    {
        var bsdl = Read("entity tiny is attribute TAP_SCAN_CLOCK of TCK : signal is (1.0e6, LOW);\n" +
                        "attribute INSTRUCTION_LENGTH of tiny : entity is 2;\n" +
                        "attribute INSTRUCTION_OPCODE of tiny : entity is \"BYPASS (11)\";\nend tiny;\n");
        Assert.Equal(("tiny", 2, 1e6), (bsdl.Entity, bsdl.InstructionLength, bsdl.MaxTckHz));
    }

    [Fact]
    public void Reads_concatenations_with_comments_any_case_tabs_crlf_and_several_opcodes_per_instruction()
    {
        var bsdl = Read(Synthetic);
        Assert.Equal(("my_part", 8, 3, 25e6), (bsdl.Entity, bsdl.InstructionLength, bsdl.BoundaryLength, bsdl.MaxTckHz));
        Assert.Equal(["00000001", "10000001"], bsdl.Opcodes["SAMPLE"]);
        Assert.Equal((0x0F8041CFu, 0x0FFFFFFFu), bsdl.IdCode);
        Assert.Equal("XXXXXX01", bsdl.InstructionCapture);
        Assert.Equal(Read(Synthetic.Replace("\r\n", "\n", StringComparison.Ordinal)).Opcodes.Keys, bsdl.Opcodes.Keys);
    }

    [Theory]
    [InlineData("end my_part;\r\n", "", "part.bsd, line 2: entity my_part has no 'end my_part;' (is the file cut short?).")]
    [InlineData("entity is 8;", "entity is 0;", "part.bsd, line 7: INSTRUCTION_LENGTH is 0; an instruction register has at least 1 bit.")]
    [InlineData("IDCODE (00001111)", "IDCODE (0000111)", "part.bsd, line 8: the opcode (0000111) of IDCODE is not 8 bits of 0, 1 or X.")]
    [InlineData("\"XXXX\" & \"1111100000000100\"", "\"XXXX\" & \"111110000000010\"", "part.bsd, line 14: IDCODE_REGISTER is \"XXXX111110000000010000111001111\"; expecting 32 characters of 0, 1, X.")]
    [InlineData("(2.5e7, BOTH)", "(-1, BOTH)", "part.bsd, line 6: TAP_SCAN_CLOCK is (-1, BOTH); expecting (frequency, BOTH|LOW) with a positive frequency.")]
    [InlineData("  attribute INSTRUCTION_LENGTH of MY_PART : entity is 8;\r\n", "", "part.bsd: it has no INSTRUCTION_LENGTH attribute.")]
    [InlineData("\"BYPASS (11111111)\";", "\"BYPASS (11111111);", "part.bsd, line 12: a string is not closed on its line.")]
    [InlineData("end my_part;", "end other;", "part.bsd, line 18: 'end other' does not close entity my_part.")]
    public void A_malformed_file_is_refused_with_line_and_reason(string find, string replace, string message)
    {
        var error = Assert.Throws<BsdlFormatException>(() => Read(Synthetic.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Random_and_truncated_input_gives_a_clear_error_or_a_file_never_a_crash()
    {
        var random = new Random(20261122);
        var bytes = Encoding.ASCII.GetBytes(Synthetic);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            AssertParsesOrRefuses(bytes[..cut]);
        }

        for (var round = 0; round < 2000; round++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                mutated[random.Next(mutated.Length)] = (byte)"\";&-()01Xx \n"[random.Next(12)];
            }

            AssertParsesOrRefuses(mutated);
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            AssertParsesOrRefuses(noise);
        }
    }

    private static void AssertParsesOrRefuses(byte[] input)
    {
        try
        {
            var file = BsdlFile.Read(input, "fuzz.bsd");
            Assert.True(file.InstructionLength >= 1);
        }
        catch (BsdlFormatException error)
        {
            Assert.StartsWith("fuzz.bsd", error.Message, StringComparison.Ordinal);
        }
    }
}
