using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class CertificateOfConformanceTests
{
    private static readonly Dsn _dsn = Dsn.FromBytes([.. Enumerable.Range(1, 16).Select(i => (byte)i)]);
    private static readonly byte[][] _digests = [SHA256.HashData([1]), SHA256.HashData([2])];

    [Fact]
    public void A_coc_reads_back_and_verifies_with_the_key_derived_from_kip_and_dsn()
    {
        var kip = RandomNumberGenerator.GetBytes(32);
        var key = CertificateOfConformance.DeriveKey(kip, _dsn.ToArray());
        var coc = CertificateOfConformance.Read(CertificateOfConformance.Compute(key, _dsn, 3, _digests).ToBytes(), "coc");

        Assert.Equal((_dsn, 3u), (coc.Dsn, coc.CycleCount));
        Assert.Equal(_digests, coc.ComponentDigests);
        coc.Verify(CertificateOfConformance.DeriveKey(kip, _dsn.ToArray()), "coc");
        Assert.NotEqual(key, CertificateOfConformance.DeriveKey(kip, [.. _dsn.ToArray().Reverse()]));
    }

    [Fact]
    public void A_coc_made_with_another_key_or_altered_is_refused()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var bytes = CertificateOfConformance.Compute(key, _dsn, 3, _digests).ToBytes();

        Assert.Throws<ProductionFormatException>(() => CertificateOfConformance.Read(bytes, "coc").Verify(RandomNumberGenerator.GetBytes(32), "coc"));
        for (var index = 0; index < bytes.Length; index++)
        {
            var altered = bytes.ToArray();
            altered[index] ^= 0x10;
            Assert.Throws<ProductionFormatException>(() => CertificateOfConformance.Read(altered, "coc").Verify(key, "coc"));
        }
    }
}
