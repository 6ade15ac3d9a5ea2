using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class CocKeyDeriverTests
{
    [Fact]
    public void The_keyed_once_derivation_gives_the_platform_sp800108_key_of_every_device()
    {
        var random = new Random(1601);
        for (var task = 0; task < 20; task++)
        {
            var kip = new byte[32];
            random.NextBytes(kip);
            using var deriver = new CocKeyDeriver(kip);
            for (var device = 0; device < 20; device++)
            {
                var dsn = new byte[16];
                random.NextBytes(dsn);
                var key = new byte[32];
                deriver.Derive(Dsn.FromBytes(dsn), key);
                Assert.Equal(CertificateOfConformance.DeriveKey(kip, dsn), key);
            }
        }
    }
}
