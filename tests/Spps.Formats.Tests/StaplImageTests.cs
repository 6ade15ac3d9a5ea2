using System.Text;
using Spps.Formats.Stapl;
using Spps.Formats.Tests.Fuzzing;

namespace Spps.Formats.Tests;

public class StaplImageTests
{
    private static byte[] Ours() => StaplProgramWriter.ToBytes(StaplProgramWriterTests.Image("M2S010", new byte[48], [1, 2]));

    // One note of our file changed, with the CRC made to match, so only the note's value is wrong.
    private static StaplFile Changed(string search, string replacement)
    {
        var text = Encoding.ASCII.GetString(Ours());
        Assert.Contains(search, text, StringComparison.Ordinal);
        return StaplFile.Read(FormatRepairs.StaplCrc(Encoding.ASCII.GetBytes(text.Replace(search, replacement, StringComparison.Ordinal))), "ours.stp");
    }

    [Theory]
    [InlineData("\"CHECKSUM\" \"A63C\"", "\"CHECKSUM\" \"A63C0\"", "its CHECKSUM note 'A63C0' is not 4 hexadecimal digits")]
    [InlineData("\"SILSIG\" \"12345678\"", "\"SILSIG\" \"1234567G\"", "its SILSIG note '1234567G' is not 8 hexadecimal digits")]
    [InlineData("\"TIME\" \"09:30:05\"", "\"TIME\" \"99:30:05\"", "its DATE and TIME notes '2026/11/22 99:30:05' are not a time written yyyy/MM/dd HH:mm:ss")]
    public void A_note_that_is_not_what_our_writer_writes_is_refused(string search, string replacement, string reason)
    {
        var error = Assert.Throws<StaplFormatException>(() => StaplImage.From(Changed(search, replacement), "ours.stp"));
        Assert.Equal($"ours.stp: {reason}.", error.Message);
    }

    [Fact]
    public void A_datastream_that_disagrees_with_its_block_counts_is_refused()
    {
        // Three program blocks then the erase component's 32: the erase data starts at bit 384, not 512.
        var file = Changed("DATAERASESTARTINDEX =384;", "DATAERASESTARTINDEX =512;");
        var error = Assert.Throws<StaplFormatException>(() => StaplImage.From(file, "ours.stp"));
        Assert.Equal("ours.stp: its DATASIZE, DATAERASESIZE, DATAERASESTARTINDEX and NUMOFBLOCKS do not describe program components followed by one erase component.", error.Message);
    }
}
