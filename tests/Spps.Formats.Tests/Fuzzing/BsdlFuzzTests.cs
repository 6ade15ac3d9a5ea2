using System.Text;
using Spps.Formats.Bsdl;

namespace Spps.Formats.Tests.Fuzzing;

public class BsdlFuzzTests
{
    private static byte[] Synthetic => Encoding.ASCII.GetBytes(BsdlFileTests.Synthetic);

    [Fact]
    public void Mutated_bsdl_files_give_only_the_bsdl_error() => Fuzzer.Run(Target([Synthetic]), seed: 1107, count: 3000);

    // The small real files reach what the synthetic one does not have (vendor layouts, long attribute strings); the
    // synthetic one stays a seed so that splices mix the two.
    [SkippableFact]
    public void Mutated_real_bsdl_files_give_only_the_bsdl_error() =>
        Fuzzer.Run(Target([Synthetic, Samples.Read("bsdl/xc9536_pc44.bsd"), Samples.Read("bsdl/CortexMx.bsd")]), seed: 1108, count: 1500);

    private static FuzzTarget Target(IReadOnlyList<byte[]> seeds) =>
        new("BSDL", seeds, (bytes, source) => BsdlFile.Read(bytes, source), error => error is BsdlFormatException)
        {
            Source = "fuzzed.bsd",
        };
}
