using System.Text;
using Spps.Formats.Bsdl;

namespace Spps.Formats.Tests.Fuzzing;

public class BsdlFuzzTests
{
    // The small real files where they are present; the synthetic one always.
    private static IReadOnlyList<byte[]> Seeds() =>
    [
        Encoding.ASCII.GetBytes(BsdlFileTests.Synthetic),
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
