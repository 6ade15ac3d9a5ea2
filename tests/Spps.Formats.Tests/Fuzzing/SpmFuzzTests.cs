using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;

namespace Spps.Formats.Tests.Fuzzing;

public class SpmFuzzTests
{
    private static byte[] Seed(string die, SecurityPolicy policy, params string[] keys) =>
        SpmFile.ToBytes(new SecurityOverwrite(die, policy, keys.ToDictionary(key => key, key => SeededBytes.Generate(3, key, KeyNames.KeyBytes))),
            "tests", new DateTimeOffset(2026, 5, 6, 7, 8, 10, TimeSpan.Zero));

    [Fact]
    public void Mutated_spm_files_give_only_the_container_error()
    {
        var target = new FuzzTarget("SPM", [
                Seed("M2S090", new SecurityPolicy { Uek3Enabled = true, DebugLocked = true }, "UEK3", "UPK1", "DPK"),
                Seed("MPFS095T", new SecurityPolicy { SnvmUpdateProtected = true }),
                Seed("M2GL025", new SecurityPolicy(), "UEK1", "UEK2", "UPK2")],
            (bytes, source) => SpmFile.Read(new MemoryStream(bytes), source),
            error => error is ContainerException)
        {
            Source = "fuzzed.spm",
            StructuredMutations = ContainerMutations.For(SpmFile.Type, SpmFile.FormatVersion),
        };
        Fuzzer.Run(target, seed: 1103, count: 3000);
    }
}
