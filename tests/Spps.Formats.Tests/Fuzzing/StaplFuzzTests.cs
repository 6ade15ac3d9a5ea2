using System.Text;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Fuzzing;

public class StaplFuzzTests
{
    private static byte[] Ours(string device, int blocks) =>
        StaplProgramWriter.ToBytes(StaplProgramWriterTests.Image(device, [.. Enumerable.Range(0, 16 * blocks).Select(i => (byte)(i * 7 % 251))], [1, blocks - 1]));

    // The shape of Microchip's files in a few lines: notes, actions, every kind of array literal, a procedure.
    private static byte[] Handwritten()
    {
        var body = Encoding.ASCII.GetBytes(
            "NOTE \"DEVICE\" \"M2S010\";\r\nNOTE \"IDCODE\" = \"0F8031CF\";\r\n" +
            "ACTION PROGRAM \"Program\" = DO_PROGRAM, DO_VERIFY OPTIONAL;\r\n" +
            "DATA GV;\r\n    BOOLEAN B[10] = #1000000011;\r\n    BOOLEAN H[10] = $203; ' a comment; with a semicolon\r\n" +
            "    BOOLEAN C[48] = @" + Aca.Encode([1, 2, 3, 1, 2, 3]) + ";\r\n    INTEGER I = 5;\r\n    BOOLEAN S;\r\nENDDATA;\r\n" +
            "PROCEDURE DO_PROGRAM USES GV;\r\n    PRINT \"done; really\";\r\n    EXIT 0;\r\nENDPROC;\r\n");
        return [.. body, .. Encoding.ASCII.GetBytes($"CRC {StaplCrc.Compute(body):X4};\r\n")];
    }

    private static void Read(byte[] bytes, string source)
    {
        var file = StaplFile.Read(bytes, source);
        if (file.Note("CREATOR") is not null)
        {
            StaplImage.From(file, source); // our own files are also read back whole
        }
    }

    [Fact]
    public void Mutated_stapl_files_give_only_the_stapl_error()
    {
        var target = new FuzzTarget("STAPL", [Ours("M2S010", 3), Ours("MPF300T", 2), Handwritten()], Read, error => error is StaplFormatException)
        {
            Source = "fuzzed.stp",
            Repair = FormatRepairs.StaplCrc,
        };
        Fuzzer.Run(target, seed: 1105, count: 2000);
    }
}
