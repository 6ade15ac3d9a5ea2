using System.Text;
using Spps.Formats.Containers;

namespace Spps.Formats.Tests.Fuzzing;

public class ContainerFuzzTests
{
    private const string Type = "spps-test";

    private static byte[] Seed(params (string Name, byte[] Content)[] parts) =>
        ContainerFile.ToBytes(new Container(Type, 1, "tests", new DateTimeOffset(2026, 3, 4, 5, 6, 8, TimeSpan.Zero), parts.ToDictionary(part => part.Name, part => part.Content)));

    [Fact]
    public void Mutated_containers_give_only_the_container_error()
    {
        var target = new FuzzTarget("container", [
                Seed(("a.json", Encoding.UTF8.GetBytes("{\"x\":1}")), ("b.bin", [1, 2, 3]), ("dir/c.bin", new byte[3000])),
                Seed(("only.json", Encoding.UTF8.GetBytes("[1, 2, {\"y\": null}]"))),
                Seed()],
            (bytes, source) => ContainerFile.Read(new MemoryStream(bytes), source, Type, 1),
            error => error is ContainerException)
        {
            Source = "fuzzed.container",
            StructuredMutations = ContainerMutations.For(Type, 1),
        };
        Fuzzer.Run(target, seed: 1101, count: 3000);
    }

    [Fact]
    public void Mutated_signed_containers_give_only_the_container_error()
    {
        static byte[] Signed(params (string Name, byte[] Content)[] parts) => ContainerFile.ToSignedBytes(
            new Container(Type, 1, "tests", new DateTimeOffset(2026, 3, 4, 5, 6, 8, TimeSpan.Zero), parts.ToDictionary(part => part.Name, part => part.Content)),
            manifest => System.Security.Cryptography.SHA384.HashData(manifest));
        var target = new FuzzTarget("signed container", [
                Signed(("request.json", Encoding.UTF8.GetBytes("{\"x\":1}")), ("u-hsm.cert", new byte[300])),
                Signed()],
            (bytes, source) => ContainerFile.ReadSigned(new MemoryStream(bytes), source, Type, 1),
            error => error is ContainerException)
        {
            Source = "fuzzed.container",
        };
        Fuzzer.Run(target, seed: 1102, count: 2000);
    }
}
