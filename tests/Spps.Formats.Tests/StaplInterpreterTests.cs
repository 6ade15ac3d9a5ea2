using System.Text;
using Spps.Formats.Stapl;
using Spps.Formats.Tests.Jesd71;

namespace Spps.Formats.Tests;

/// <summary>
/// The test-side JESD71 interpreter against what the reference player was seen to do (reference/formats.md §1.3,
/// §1.7 and §2.3), so the procedure tests that use it can be trusted: Microchip's own file run on its IDCODE path,
/// and the player's quirks on small hand-written files.
/// </summary>
public class StaplInterpreterTests
{
    private const string Sample = "stapl/M2GL025_1_base.stp";

    [SkippableFact]
    public void Microchip_s_read_idcode_exports_the_idcode_of_the_device_it_is_for()
    {
        var run = RunSample("READ_IDCODE", idCode: 0x0F8041CF);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0x0F8041CFUL, run.Exported("IDCODE"));
        Assert.Null(run.Exported("ERROR_CODE"));
    }

    [SkippableFact]
    public void Microchip_s_read_idcode_refuses_another_device_with_its_unique_exit_code()
    {
        var run = RunSample("READ_IDCODE", idCode: 0x0F8071CF);
        Assert.Equal(6, run.ExitCode);
        Assert.Equal(0x8004UL, run.Exported("ERROR_CODE"));
        Assert.Equal(["Failed to verify IDCODE"], run.Printed);
        Assert.Null(run.Exported("IDCODE"));
    }

    [SkippableFact]
    public void Microchip_s_file_ignores_the_revision_nibble_of_the_idcode()
    {
        Assert.Equal(0, RunSample("READ_IDCODE", idCode: 0x1F8041CF).ExitCode);
    }

    [Fact]
    public void For_loops_run_once_more_before_next_compares_with_the_stop_value()
    {
        var run = Run("""
            FOR I = 0 TO 5 STEP 2;
                PRINT I;
            NEXT I;
            """, "INTEGER I;");
        Assert.Equal(["0", "2", "4", "6"], run.Printed);
    }

    [Fact]
    public void Literal_arrays_are_written_index_0_last_and_integer_lists_highest_index_first()
    {
        var run = Run("""
            PRINT INT(B[9..0]), " ", INT(H[9..0]), " ", IARR[3], " ", IARR[0];
            """, "BOOLEAN B[10] = #1000000011;", "BOOLEAN H[10] = $203;", "INTEGER IARR[4] = 1,2,3,400;");
        Assert.Equal(["515 515 1 400"], run.Printed);
    }

    [Fact]
    public void Optional_procedures_run_only_when_asked_for()
    {
        var file = File("""
            PRINT "optional";
            """, "ACTION A = P OPTIONAL;");
        Assert.Empty(StaplInterpreter.Run(file, "A", new ScriptedDevice(isG5: false)).Printed);
        Assert.Equal(["optional"], StaplInterpreter.Run(file, "A", new ScriptedDevice(isG5: false), "P").Printed);
    }

    [Fact]
    public void Scans_shift_the_low_index_first_and_capture_into_a_range()
    {
        var target = new ScriptedDevice(isG5: false) { IdCode = 0x0F8031CF };
        var run = Run("""
            IRSCAN 8, $0f;
            DRSCAN 32, $00000000, CAPTURE BUFF[39..8];
            EXPORT "ID", BUFF[39..8];
            EXPORT "LOW", BUFF[7..0];
            """, target, "BOOLEAN BUFF[40];");
        Assert.Equal([(byte)0x0F], target.Instructions);
        Assert.Equal(0x0F8031CFUL, run.Exported("ID"));
        Assert.Equal(0UL, run.Exported("LOW"));
    }

    [Theory]
    [InlineData("I = (1==1);", "type mismatch")]
    [InlineData("B = 5;", "type mismatch")]
    [InlineData("I = A[40];", "outside its 32 elements")]
    [InlineData("GOTO NOWHERE;", "no label NOWHERE")]
    [InlineData("FOR I = 1 TO 2;", "ends inside the FOR loop")]
    [InlineData("SHIFT 8;", "'=' expected")]
    public void What_the_player_would_refuse_is_refused(string statement, string reason)
    {
        var error = Assert.Throws<StaplRuntimeException>(() => Run(statement, "INTEGER I;", "BOOLEAN B;", "BOOLEAN A[32];"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static StaplRun RunSample(string action, uint idCode)
    {
        var sample = Samples.Require(Sample);
        var file = StaplFile.Read(System.IO.File.ReadAllBytes(sample), sample);
        return StaplInterpreter.Run(file, action, new ScriptedDevice(isG5: false) { IdCode = idCode });
    }

    private static StaplRun Run(string body, params string[] declarations) => Run(body, new ScriptedDevice(isG5: false), declarations);

    private static StaplRun Run(string body, ScriptedDevice device, params string[] declarations) =>
        StaplInterpreter.Run(File(body, "ACTION A = P;", declarations), "A", device);

    private static StaplFile File(string body, string action, params string[] declarations)
    {
        var text = $"NOTE \"DEVICE\" \"M2S010\";\r\n{action}\r\nDATA GV;\r\n{string.Concat(declarations.Select(d => $"    {d}\r\n"))}ENDDATA;\r\n" +
            $"PROCEDURE P USES GV;\r\n{body.ReplaceLineEndings("\r\n")}\r\nENDPROC;\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(text);
        return StaplFile.Read(Encoding.ASCII.GetBytes(text + $"CRC {StaplCrc.Compute(bytes):X4};\r\n"), "test.stp");
    }
}
