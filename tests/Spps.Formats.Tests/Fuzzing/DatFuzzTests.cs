using Spps.Formats.Dat;

namespace Spps.Formats.Tests.Fuzzing;

public class DatFuzzTests
{
    private static byte[] Seed(byte family, int components) => DatFile.ToBytes(new DatImage
    {
        Family = family,
        IdCode = family == 5 ? 0x0F8041CFu : 0x0F8181CFu,
        Checksum = 0x8516,
        DataSize = (ushort)components,
        Uek1 = family != 5,
        ComponentBlocks = [.. Enumerable.Range(1, components)],
        Blocks = [(DatBlockId.Datastream, [.. Enumerable.Range(0, 16 * components).Select(i => (byte)i)]), (DatBlockId.Upk1, new byte[32])],
    }, "SPPS");

    [Fact]
    public void Mutated_dat_files_give_only_the_dat_error()
    {
        var target = new FuzzTarget("DAT", [Seed(5, 3), Seed(7, 2), Seed(8, 5)], (bytes, source) => DatFile.Read(bytes, source), error => error is DatFormatException)
        {
            Source = "fuzzed.dat",
            Repair = FormatRepairs.DatSizeAndCrc,
        };
        Fuzzer.Run(target, seed: 1106, count: 3000);
    }
}
