using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Silicon.Benches;

namespace Spps.Silicon.Tests.Benches;

/// <summary>A bench made by an earlier version still opens: its sealed secrets are the same bytes today (Fixtures/README.md).</summary>
public class BenchFixtureTests
{
    private static string Fixture(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Fixtures", name);

    [Fact]
    public void The_secrets_of_a_version_1_bench_open_and_are_its_device_s_own()
    {
        using var bench = Bench.Open(Fixture("bench-v1"), TestBench.Replace);
        var device = Assert.Single(bench.ReadBoard(1)).Device!;
        Assert.Equal("D311A64E263721CDD7D434DFF0F5D14D", device.State.Dsn);

        // FK is derived from the published factory's seed and the DSN, so the opened value can be checked whole.
        using var factory = DeviceFactory.Development();
        Assert.Equal(factory.FactoryKey(device.Dsn.ToArray()), device.Secrets.FactoryKey);

        using var factoryKey = ECDsa.Create();
        factoryKey.ImportPkcs8PrivateKey(device.Secrets.FactoryPrivateKey, out _);
        Assert.Equal(device.Certificate.FactoryPublicKey, P384.Point(factoryKey));
    }
}
