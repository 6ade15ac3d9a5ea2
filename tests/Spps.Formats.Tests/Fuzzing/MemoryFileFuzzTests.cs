using System.Text;
using Spps.Formats.Memory;

namespace Spps.Formats.Tests.Fuzzing;

public class MemoryFileFuzzTests
{
    private static byte[] Lines(params string[] lines) => Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n");

    // The reader takes the format from the name's extension, as it does for a user's file.
    private static FuzzTarget Target(string format, string source, Func<byte[], byte[]> repair, params byte[][] seeds) =>
        new(format, seeds, (bytes, name) => MemoryFileReader.Read(new MemoryStream(bytes), name), error => error is MemoryFileException)
        {
            Source = source,
            Repair = repair,
        };

    [Fact]
    public void Mutated_intel_hex_files_give_only_the_memory_file_error() => Fuzzer.Run(Target("Intel HEX", "fuzzed.hex", FormatRepairs.IntelHexChecksums,
            Lines(":0400000001020304F2", ":020000021000EC", ":02000000AABB99", ":020000040002F8", ":01000500CC2E", ":0400000300001000E9", ":04000005000000FFF8", ":00000001FF"),
            FormatRepairs.IntelHexChecksums(Lines(":10000000000102030405060708090A0B0C0D0E0F00", ":10001000101112131415161718191A1B1C1D1E1F00", ":00000001FF"))),
        seed: 1108, count: 3000);

    [Fact]
    public void Mutated_s_record_files_give_only_the_memory_file_error() => Fuzzer.Run(Target("S-record", "fuzzed.srec", FormatRepairs.SRecordChecksums,
            Lines("S00600004844521B", "S1060000010203F3", "S20701000011223391", "S30900020000445566777E", "S5030003F9", "S9030000FC"),
            FormatRepairs.SRecordChecksums(Lines("S1130000000102030405060708090A0B0C0D0E0F00", "S5030001FB", "S80400000000"))),
        seed: 1109, count: 3000);
}
