using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Spps.Formats.Containers;

namespace Spps.Formats.Tests;

/// <summary>A signed container carries a signature over its manifest's exact bytes; the reader hands both to its caller and checks the rest.</summary>
public class SignedContainerTests
{
    private static readonly DateTimeOffset _created = new(2026, 3, 4, 5, 6, 8, TimeSpan.Zero);

    private static Container Sample() => new("spps-test", 1, "tests", _created, new Dictionary<string, byte[]>
    {
        ["request.json"] = Encoding.UTF8.GetBytes("{\"x\":1}"),
        ["cert"] = [1, 2, 3],
    });

    private static SignedContainer ReadSigned(byte[] bytes) => ContainerFile.ReadSigned(new MemoryStream(bytes), "test.container", "spps-test", 1);

    [Fact]
    public void The_signature_covers_the_manifest_bytes_that_the_reader_returns()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var bytes = ContainerFile.ToSignedBytes(Sample(), manifest => key.SignData(manifest, HashAlgorithmName.SHA384));
        var read = ReadSigned(bytes);
        Assert.True(key.VerifyData(read.Manifest, read.Signature, HashAlgorithmName.SHA384));
        Assert.Equal([1, 2, 3], read.Content.Part("cert", "test.container"));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(["manifest.json", "manifest.sig", "cert", "request.json"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void An_unsigned_container_is_refused_where_a_signed_one_is_expected()
    {
        var error = Assert.Throws<ContainerException>(() => ReadSigned(ContainerFile.ToBytes(Sample())));
        Assert.Equal("'test.container' is not a valid container: it is not signed (it has no manifest.sig).", error.Message);
    }

    [Fact]
    public void A_signature_entry_is_refused_in_a_container_that_is_not_signed()
    {
        var bytes = ContainerFile.ToSignedBytes(Sample(), _ => [9]);
        var error = Assert.Throws<ContainerException>(() => ContainerFile.Read(new MemoryStream(bytes), "test.container", "spps-test", 1));
        Assert.Equal("'test.container' is not a valid container: it holds 'manifest.sig', but a 'spps-test' container is not signed.", error.Message);
    }

    [Fact]
    public void An_implausibly_large_signature_is_refused_before_it_is_read()
    {
        var bytes = ContainerFile.ToSignedBytes(Sample(), _ => new byte[4096]);
        var error = Assert.Throws<ContainerException>(() => ReadSigned(bytes));
        Assert.Contains("its signature is implausibly large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_changed_in_a_zip_field_readers_ignore_is_refused_in_a_signed_container()
    {
        var bytes = ContainerFile.ToSignedBytes(Sample(), _ => [9, 9]);
        var altered = bytes.ToArray();
        altered[10] ^= 0x20; // the first local header's modification time, which ZIP readers take from the central directory
        using (var reader = ContainerReader.Open(new MemoryStream(altered), "test.container", "spps-test", 1, signed: true))
        {
            Assert.Equal(Sample().Parts["cert"], reader.Read("cert")); // the ZIP itself reads as if nothing had changed
        }

        var error = Assert.Throws<ContainerException>(() => ReadSigned(altered));
        Assert.Contains("its bytes are not those its writer makes of its content", error.Message, StringComparison.Ordinal);
    }
}
