using System.Text;
using Spps.Formats.Memory;

namespace Spps.Formats.Tests.Fuzzing;

public class MemoryFileFuzzTests
{
    private static byte[] Lines(params string[] lines) => Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n");

    [Fact]
    public void Mutated_intel_hex_files_give_only_the_memory_file_error()
    {
        var target = new FuzzTarget("Intel HEX", [
                Lines(":0400000001020304F2", ":020000021000EC", ":02000000AABB99", ":020000040002F8", ":01000500CC2E", ":0400000300001000E9", ":04000005000000FFF8", ":00000001FF"),
                FormatRepairs.IntelHexChecksums(Lines(":10000000000102030405060708090A0B0C0D0E0F00", ":10001000101112131415161718191A1B1C1D1E1F00", ":00000001FF"))],
            (bytes, source) => MemoryFileReader.Read(new MemoryStream(bytes), source),
            error => error is MemoryFileException)
        {
            Source = "fuzzed.hex",
            Repair = FormatRepairs.IntelHexChecksums,
        };
        Fuzzer.Run(target, seed: 1108, count: 3000);
    }

    [Fact]
    public void Mutated_s_record_files_give_only_the_memory_file_error()
    {
        var target = new FuzzTarget("S-record", [
                Lines("S00600004844521B", "S1060000010203F3", "S20701000011223391", "S30900020000445566777E", "S5030003F9", "S9030000FC"),
                FormatRepairs.SRecordChecksums(Lines("S1130000000102030405060708090A0B0C0D0E0F00", "S5030001FB", "S80400000000"))],
            (bytes, source) => MemoryFileReader.Read(new MemoryStream(bytes), source),
            error => error is MemoryFileException)
        {
            Source = "fuzzed.srec",
            Repair = FormatRepairs.SRecordChecksums,
        };
        Fuzzer.Run(target, seed: 1109, count: 3000);
    }
}
