using Spps.Formats.Containers;
using Spps.Formats.Design;

namespace Spps.Formats.Tests.Fuzzing;

public class JdcFuzzTests
{
    private static byte[] Seed(DesignRequest request)
    {
        var (design, fabric) = DesignGenerator.Generate(request with { Fabric = SeededBytes.Generate(request.Seed, "fuzz-fabric", 2000) });
        return JdcFile.ToBytes(design, fabric, "tests", new DateTimeOffset(2026, 5, 6, 7, 8, 10, TimeSpan.Zero));
    }

    [Fact]
    public void Mutated_jdc_files_give_only_the_container_error()
    {
        var target = new FuzzTarget("JDC", [
                Seed(new DesignRequest { Device = "M2S010", DesignVersion = 3, BackLevel = 1, EnvmClients = [("IMEM", 300, null), ("DATA", 100, null)] }),
                Seed(new DesignRequest { Device = "MPFS095T", EnvmClients = [("BOOT", 64, null)], SnvmClients = [("CAL", 500, SnvmClientKind.Authenticated, null)], Seed = 2 }),
                Seed(new DesignRequest { Device = "MPF300T", RandomKeys = false, Policy = new SecurityPolicy { Uek2Enabled = true } })],
            (bytes, source) => JdcFile.Read(new MemoryStream(bytes), source),
            error => error is ContainerException)
        {
            Source = "fuzzed.jdc",
            StructuredMutations = ContainerMutations.For(JdcFile.Type, JdcFile.FormatVersion),
        };
        Fuzzer.Run(target, seed: 1102, count: 3000);
    }
}
