using Spps.Formats.Memory;

namespace Spps.Formats.Tests;

public sealed class MemoryFileReaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string content)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Intel_hex_reads_data_with_segment_and_linear_addresses_and_ignores_start_records()
    {
        var path = Write("a.hex", string.Join('\n',
            ":0400000001020304F2",      // 4 bytes at 0x0000
            ":020000021000EC",          // segment base 0x1000 * 16 = 0x10000
            ":02000000AABB99",          // 2 bytes at 0x10000
            ":020000040002F8",          // linear base 0x20000
            ":01000500CC2E",            // 1 byte at 0x20005
            ":0400000300001000E9",      // start segment address
            ":04000005000000FFF8",      // start linear address
            ":00000001FF", ""));
        var image = MemoryFileReader.Read(path);
        Assert.Equal([(0L, "01020304"), (0x10000L, "AABB"), (0x20005L, "CC")], image.Segments.Select(s => (s.Address, Convert.ToHexString(s.Data))));
        Assert.Equal(0x20006, image.End);
    }

    [Theory]
    [InlineData("0400000001020304F2\n:00000001FF", 1, "an Intel HEX record starts with ':'")]
    [InlineData(":0400000001020304F3\n:00000001FF", 1, "the checksum is 0xF3, it should be 0xF2")]
    [InlineData(":0500000001020304F2\n:00000001FF", 1, "the record says 5 data bytes but has 4")]
    [InlineData(":0400000601020304EC\n:00000001FF", 1, "record type 0x06 is not an Intel HEX record type (expecting 00 to 05)")]
    [InlineData(":04000000010203G4F2\n:00000001FF", 1, "the record is not an even number (at least 10) of hexadecimal digits after ':'")]
    [InlineData(":0400000001020304F2", 1, "the file has no end-of-file record (type 01)")]
    [InlineData(":00000001FF\n:0400000001020304F2", 2, "there is a record after the end-of-file record")]
    [InlineData(":0400000001020304F2\n:0200020011AA41\n:00000001FF", 2, "the data at 0x2 overlaps data already given at 0x0")]
    [InlineData(":03000002100000EB\n:00000001FF", 1, "an extended segment address record has 2 data bytes, not 3")]
    public void Intel_hex_errors_give_the_line_and_the_reason(string content, int line, string reason)
    {
        var path = Write("bad.hex", content);
        var error = Assert.Throws<MemoryFileException>(() => MemoryFileReader.Read(path));
        Assert.Equal($"{path}, line {line}: {reason}.", error.Message);
    }

    [Fact]
    public void S_records_read_16_24_and_32_bit_addresses_and_check_the_count()
    {
        var path = Write("a.srec", string.Join('\n',
            "S00600004844521B",         // header "HDR"
            "S1060000010203F3",         // 3 bytes at 0x0000
            "S20701000011223391",       // 3 bytes at 0x010000
            "S30900020000445566777E",   // 4 bytes at 0x00020000
            "S5030003F9",               // 3 data records
            "S9030000FC"));
        var image = MemoryFileReader.Read(path);
        Assert.Equal([(0L, "010203"), (0x10000L, "112233"), (0x20000L, "44556677")], image.Segments.Select(s => (s.Address, Convert.ToHexString(s.Data))));
    }

    [Theory]
    [InlineData("S1060000010203F5", 1, "the checksum is 0xF5, it should be 0xF3")]
    [InlineData("S1050000010203F3", 1, "the byte count 5 does not match the 6 bytes that follow")]
    [InlineData("S4060000010203F3", 1, "S4 is not an S-record type (expecting S0 to S3 or S5 to S9)")]
    [InlineData("X1060000010203F3", 1, "an S-record starts with 'S' and a digit")]
    [InlineData("S1060000010203F3\nS5030002FA", 2, "the record count says 2 data records, the file has 1")]
    [InlineData("S9030000FC\nS1060000010203F3", 2, "there is a record after the termination record")]
    public void S_record_errors_give_the_line_and_the_reason(string content, int line, string reason)
    {
        var path = Write("bad.s19", content);
        var error = Assert.Throws<MemoryFileException>(() => MemoryFileReader.Read(path));
        Assert.Equal($"{path}, line {line}: {reason}.", error.Message);
    }

    [Fact]
    public void Raw_binary_is_data_from_offset_zero_and_the_format_is_sniffed_without_an_extension()
    {
        var binary = _folder.Combine("a.bin");
        File.WriteAllBytes(binary, [9, 8, 7]);
        Assert.Equal("090807", Convert.ToHexString(MemoryFileReader.Read(binary).Segments.Single().Data));
        Assert.Equal(4, MemoryFileReader.Read(Write("noext", ":0400000001020304F2\n:00000001FF")).End);
        Assert.Equal(3, MemoryFileReader.Read(Write("noext2", "S1060000010203F3\n")).End);
    }

    [Fact]
    public void Client_content_places_the_data_fills_the_rest_and_refuses_data_beyond_the_client()
    {
        var image = MemoryFileReader.Read(Write("a.hex", ":0200020011AA41\n:00000001FF"));
        Assert.Equal("0000" + "11AA" + "0000", Convert.ToHexString(image.ToClientContent("IMEM", 6, "a.hex")));
        var error = Assert.Throws<MemoryFileException>(() => image.ToClientContent("IMEM", 3, "a.hex"));
        Assert.Equal("a.hex: the data ends at 0x4 (4 bytes), beyond the 3-byte client 'IMEM'.", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<MemoryFileException>(() => MemoryFileReader.Read(_folder.Combine("none.hex")));
        Assert.EndsWith("none.hex: the file does not exist.", error.Message);
    }

    [SkippableFact]
    public void A_file_that_cannot_be_read_is_named_with_the_reason()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc/self/mem exists on Linux only.");
        // It exists and opens, but its first bytes cannot be read: the I/O error a damaged disk would give.
        var error = Assert.Throws<MemoryFileException>(() => MemoryFileReader.Read("/proc/self/mem"));
        Assert.StartsWith("/proc/self/mem: the file cannot be read (", error.Message);
    }

    [Fact]
    public void Random_text_never_crashes_the_readers()
    {
        var random = new Random(3);
        const string alphabet = ":S0123456789ABCDEFabcdef \r\n";
        for (var i = 0; i < 300; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var path = Write(i % 2 == 0 ? "fuzz.hex" : "fuzz.srec", text);
            try
            {
                MemoryFileReader.Read(path);
            }
            catch (MemoryFileException)
            {
                // A clear refusal is the expected outcome for noise.
            }
        }
    }
}
