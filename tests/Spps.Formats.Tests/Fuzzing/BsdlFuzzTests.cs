using System.Text;
using Spps.Formats.Bsdl;

namespace Spps.Formats.Tests.Fuzzing;

public class BsdlFuzzTests
{
    private const string Synthetic =
        "-- a synthetic device\r\n" +
        "entity my_part is\r\n\tgeneric (PHYSICAL_PIN_MAP : string := \"PKG\");\r\n" +
        "  port (TCK: in bit; TDI: in bit; TDO: out bit; TMS: in bit);\r\n  use STD_1149_1_2001.all;\r\n" +
        "  ATTRIBUTE tap_scan_clock OF tck : SIGNAL IS (2.5e7, BOTH);\r\n" +
        "  attribute INSTRUCTION_LENGTH of MY_PART : entity is 8;\r\n" +
        "  attribute INSTRUCTION_OPCODE of my_part : entity is\r\n" +
        "    \"EXTEST (00000000),\" & -- comment; with a semicolon\r\n" +
        "    \"SAMPLE (00000001) (10000001),\" &\r\n" +
        "    \"IDCODE (00001111),\" & \"BYPASS (11111111)\";\r\n" +
        "  attribute INSTRUCTION_CAPTURE of my_part : entity is \"XXXXXX01\";\r\n" +
        "  attribute IDCODE_REGISTER of my_part : entity is\r\n" +
        "    \"XXXX\" & \"1111100000000100\" & -- part\r\n    \"00011100111\" & \"1\";\r\n" +
        "  attribute BOUNDARY_LENGTH of my_part : entity is 3;\r\n" +
        "end my_part;\r\n";

    // The small real files where they are present; the synthetic one always.
    private static IReadOnlyList<byte[]> Seeds() =>
    [
        Encoding.ASCII.GetBytes(Synthetic),
        .. new[] { "xc9536_pc44.bsd", "CortexMx.bsd" }.Select(name => Samples.Path("bsdl/" + name)).Where(File.Exists).Select(File.ReadAllBytes),
    ];

    [Fact]
    public void Mutated_bsdl_files_give_only_the_bsdl_error()
    {
        var target = new FuzzTarget("BSDL", Seeds(), (bytes, source) => BsdlFile.Read(bytes, source), error => error is BsdlFormatException)
        {
            Source = "fuzzed.bsd",
        };
        Fuzzer.Run(target, seed: 1107, count: 3000);
    }
}
