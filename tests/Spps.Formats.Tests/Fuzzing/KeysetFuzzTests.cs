using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Keysets;

namespace Spps.Formats.Tests.Fuzzing;

public class KeysetFuzzTests
{
    private static byte[] Seed(int seed, IEnumerable<string> keys) =>
        KeysetContainer.ToBytes(
            new WrappedKeyset("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "11111111-2222-3333-4444-55555555555" + seed, Wrapped(seed, "ticket"),
                keys.ToDictionary(key => key, key => Wrapped(seed, key)), [.. keys.Take(seed)]),
            "tests", new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero));

    private static byte[] Wrapped(int seed, string label) => SeededBytes.Generate(seed, label, KeysetContainer.WrappedKeyBytes);

    [Fact]
    public void Mutated_keyset_files_give_only_the_container_error()
    {
        var target = new FuzzTarget("keyset", [Seed(1, KeyNames.Keyset), Seed(2, KeyNames.Token), Seed(3, ["UEK1"])],
            (bytes, source) => KeysetContainer.Read(new MemoryStream(bytes), source),
            error => error is ContainerException)
        {
            Source = "fuzzed-keyset",
            StructuredMutations = ContainerMutations.For(KeysetContainer.Type, KeysetContainer.FormatVersion),
        };
        Fuzzer.Run(target, seed: 1104, count: 3000);
    }
}
