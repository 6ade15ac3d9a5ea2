using System.Text;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

public class StaplFileTests
{
    private const string Sample = "stapl/M2GL025_1_base.stp";

    private static byte[] WithCrc(string body)
    {
        var bytes = Encoding.ASCII.GetBytes(body);
        return Encoding.ASCII.GetBytes(body + $"CRC {StaplCrc.Compute(bytes):X4};\r\n");
    }

    private const string Small =
        "NOTE \"DEVICE\" \"M2S010\";\r\nNOTE \"IDCODE\" = \"0F8031CF\";\r\n" +
        "ACTION READ_IDCODE = VERIFY_IDCODE, PRINT_IDCODE, DO_EXIT;\r\n" +
        "ACTION PROGRAM = DO_PROGRAM, DO_VERIFY OPTIONAL;\r\n" +
        "DATA GV;\r\n    BOOLEAN B[10] = #1000000011;\r\n    BOOLEAN H[10] = $203; ' a comment; with a semicolon\r\n" +
        "    BOOLEAN ID[32] = $0f8031cf;\r\n    INTEGER I = 5;\r\n    BOOLEAN S;\r\nENDDATA;\r\n" +
        "PROCEDURE DO_EXIT USES GV;\r\n    PRINT \"done; really\";\r\n    EXIT 0;\r\nENDPROC;\r\n\r\n";

    [SkippableFact]
    public void Reads_the_real_flashpro_file_in_full()
    {
        var sample = Samples.Require(Sample);
        var file = StaplFile.Read(File.ReadAllBytes(sample), sample);
        Assert.Equal(("M2GL025", "0F8041CF", "PROC_SUBSYSTEM", "8516"), (file.Note("DEVICE"), file.Note("IDCODE"), file.Note("DESIGN"), file.Note("CHECKSUM")));
        Assert.Equal(23, file.Notes.Count);
        Assert.Equal("CREATOR", file.Notes[0].Key);
        Assert.Equal(["ERASE", "PROGRAM", "VERIFY", "VERIFY_DIGEST", "ENC_DATA_AUTHENTICATION", "READ_IDCODE", "DEVICE_INFO"], file.Actions.Select(a => a.Name));
        Assert.Equal(("DO_VERIFY", "OPTIONAL"), file.Actions[1].Steps[3]);
        Assert.Equal(0x72E9, file.Crc);
        var datastream = file.BooleanArray("BITSTREAM", "DATASTREAM")!;
        Assert.Equal(9_871_360, datastream.Bits);
        Assert.Equal(1_233_920, datastream.Data.Length);
        Assert.Equal(0x0F8041CFUL, file.BooleanArray("GV", "IDCODEVALUE")!.Value(31, 0));
        Assert.Contains("VERIFY_IDCODE", file.Procedures.Keys);
    }

    [Fact]
    public void Reads_notes_actions_arrays_in_the_player_s_bit_order_and_procedures()
    {
        var file = StaplFile.Read(WithCrc(Small), "small.stp");
        Assert.Equal([("DEVICE", "M2S010"), ("IDCODE", "0F8031CF")], file.Notes);
        Assert.Equal([("DO_PROGRAM", (string?)null), ("DO_VERIFY", "OPTIONAL")], file.Actions[1].Steps);
        Assert.Equal(515UL, file.BooleanArray("GV", "B")!.Value(9, 0));
        Assert.Equal(515UL, file.BooleanArray("GV", "H")!.Value(9, 0));
        Assert.Equal(0x0F8031CFUL, file.BooleanArray("GV", "ID")!.Value(31, 0));
        Assert.Equal(2, file.Procedures["DO_EXIT"].Count);
        Assert.Equal("PRINT \"done; really\"", file.Procedures["DO_EXIT"][0].Text);
    }

    [Fact]
    public void Crlf_and_lf_files_have_the_same_crc()
    {
        var lf = Small.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(StaplFile.Read(WithCrc(Small), "a").Crc, StaplFile.Read(WithCrc(lf), "b").Crc);
    }

    [Theory]
    [InlineData("NOTE \"A\" \"B\";\r\nACTION X = P;\r\nCRC 0000;\r\n", 3, "the CRC is 0000 but the file's content gives")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    BOOLEAN B[10] = #10;\r\nENDDATA;\r\n", 3, "BOOLEAN B[10]: the binary literal has 2 digits of 0 and 1 for 10 bits")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    BOOLEAN B[16] = @!;\r\nENDDATA;\r\n", 3, "BOOLEAN B[16]: '!' is not a 6-bit character")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    BOOLEAN B[8] = $1FF;\r\nENDDATA;\r\n", 3, "BOOLEAN B[8]: the hex literal has 3 hexadecimal digits for 8 bits (expecting 2)")]
    [InlineData("NOTE \"A\" \"B\";\r\nIRSCAN 8, $0F;\r\n", 2, "'IRSCAN' is not a statement allowed here (expecting NOTE, ACTION, DATA, PROCEDURE or CRC)")]
    [InlineData("NOTE A B;\r\n", 1, "a NOTE is written NOTE \"KEY\" \"VALUE\"")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    IRSCAN 8, $0F;\r\nENDDATA;\r\n", 3, "'IRSCAN' is not allowed in DATA GV (expecting BOOLEAN, INTEGER or ENDDATA)")]
    [InlineData("NOTE \"A\" \"B\";\r\nPROCEDURE P;\r\n    PRINT \"x\";\r\n", 0, "PROCEDURE P is not closed with ENDPROC (the file is truncated)")]
    [InlineData("NOTE \"A\" \"B\";\r\nACTION X = P;\r\n", 0, "the file has no CRC statement (it may be truncated)")]
    [InlineData("NOTE \"A\" \"B\";\r\nNOTE \"C\" \"D", 2, "a string is not closed")]
    [InlineData("NOTE \"A\" \"B\";\r\nACTION X = P", 2, "the statement starting here has no ';' (the file is truncated)")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    BOOLEAN B[99999999999] = #1;\r\nENDDATA;\r\n", 3, "BOOLEAN B[99999999999]: the size is larger than a Boolean array can be (2147483647 bits)")]
    [InlineData("NOTE \"A\" \"B\";\r\nDATA GV;\r\n    BOOLEAN B[2147483647] = #1;\r\nENDDATA;\r\n", 3, "BOOLEAN B[2147483647]: the binary literal has 1 digits of 0 and 1 for 2147483647 bits")]
    public void Broken_files_are_refused_with_the_line_and_the_reason(string content, int line, string reason)
    {
        var error = Assert.Throws<StaplFormatException>(() => StaplFile.Read(Encoding.ASCII.GetBytes(content), "bad.stp"));
        Assert.StartsWith(line > 0 ? $"bad.stp, line {line}: {reason}" : $"bad.stp: {reason}", error.Message);
    }

    [SkippableFact]
    public void A_damaged_or_truncated_real_file_is_refused()
    {
        var sample = Samples.Require(Sample);
        var bytes = File.ReadAllBytes(sample);
        var altered = bytes.ToArray();
        var at = Encoding.ASCII.GetString(bytes).IndexOf("PROC_SUBSYSTEM", StringComparison.Ordinal);
        altered[at] = (byte)'Q';
        Assert.Contains("the CRC is 72E9 but the file's content gives", Assert.Throws<StaplFormatException>(() => StaplFile.Read(altered, "x")).Message);
        Assert.Throws<StaplFormatException>(() => StaplFile.Read(bytes[..(bytes.Length / 2)], "x"));
    }

    [Fact]
    public void Random_bytes_never_crash_the_reader()
    {
        var random = new Random(9);
        const string alphabet = "NOTE\"ACTION=;DATA BOOLEAN[]#$@01 \r\n'PROCEDURE ENDPROC CRC";
        for (var i = 0; i < 300; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            try
            {
                StaplFile.Read(Encoding.ASCII.GetBytes(text), "fuzz");
            }
            catch (StaplFormatException)
            {
                // A clear refusal is the expected outcome for noise.
            }
        }
    }
}
