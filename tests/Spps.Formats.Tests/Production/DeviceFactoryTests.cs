using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Testing;

namespace Spps.Formats.Tests.Production;

public class DeviceFactoryTests
{
    private static readonly byte[] _dsn = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Fact]
    public void The_development_factory_is_the_published_one_and_says_so()
    {
        using var development = DeviceFactory.Development();
        using var again = DeviceFactory.Development();
        using var other = DeviceFactory.Create();

        // The published id (docs/production.md): a change of the published derivation must not pass unnoticed.
        Assert.Equal(DevelopmentFactoryId, development.Id);
        Assert.Equal(development.FactoryKey(_dsn), again.FactoryKey(_dsn));
        Assert.True(development.IsDevelopment);
        Assert.Contains(DeviceFactory.DevelopmentLabel, development.Describe(), StringComparison.Ordinal);
        Assert.False(other.IsDevelopment);
        Assert.Equal(other.Id, other.Describe());
    }

    // Computed apart from this code, from the derivation docs/production.md gives (HKDF, the scalar, SHA-256 of the SPKI).
    public const string DevelopmentFactoryId = "57411a18f0a6acbf26ca3ce9eb57a4b8cb951e4114ef282af55474cd713d6338";

    [Fact]
    public void The_id_is_the_hash_of_the_ca_public_key_and_fk_depends_on_seed_and_dsn()
    {
        using var factory = DeviceFactory.Create();
        using var other = DeviceFactory.Create();
        byte[] otherDsn = [.. _dsn.Reverse()];

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(factory.CaPublicKey)), factory.Id);
        Assert.Equal(32, factory.FactoryKey(_dsn).Length);
        Assert.NotEqual(factory.FactoryKey(_dsn), factory.FactoryKey(otherDsn));
        Assert.NotEqual(factory.FactoryKey(_dsn), other.FactoryKey(_dsn));
        using var same = DeviceFactory.FromSeed(factory.ExportSeed());
        Assert.Equal(factory.Id, same.Id);
        Assert.Equal(factory.FactoryKey(_dsn), same.FactoryKey(_dsn));
    }

    [Fact]
    public void A_factory_file_reads_back_is_owner_only_and_is_never_overwritten()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("factory.json");
        using var factory = DeviceFactory.Create();
        DeviceFactoryFile.Write(factory, path);

        using var read = DeviceFactoryFile.Read(path);
        Assert.Equal(factory.Id, read.Id);
        Assert.Equal(factory.FactoryKey(_dsn), read.FactoryKey(_dsn));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var before = File.ReadAllBytes(path);
        using var another = DeviceFactory.Create();
        Assert.Throws<IOException>(() => DeviceFactoryFile.Write(another, path));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("")]
    [InlineData("{\"format\":\"spps-world-root\"}")]
    [InlineData("{\"format\":\"spps-device-factory\",\"factory\":\"00\",\"seed\":\"AAAA\"}")]
    public void A_missing_or_damaged_factory_file_is_refused_naming_it(string content)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("factory.json");
        if (content != "missing")
        {
            File.WriteAllText(path, content);
        }

        var error = Assert.Throws<ProductionFormatException>(() => DeviceFactoryFile.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_factory_file_whose_seed_does_not_make_its_id_is_refused()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("factory.json");
        using var factory = DeviceFactory.Create();
        DeviceFactoryFile.Write(factory, path);
        var text = File.ReadAllText(path).Replace(factory.Id, new string('0', 64), StringComparison.Ordinal);
        File.Delete(path);
        File.WriteAllText(path, text);

        var error = Assert.Throws<ProductionFormatException>(() => DeviceFactoryFile.Read(path));
        Assert.Contains("does not make the factory it names", error.Message, StringComparison.Ordinal);
    }
}
