using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class DeviceCertificateTests
{
    [Fact]
    public void A_certificate_reads_back_and_verifies_against_its_factory()
    {
        using var device = new ProductionSamples();
        var bytes = device.Certificate.ToBytes();
        var read = DeviceCertificate.Read(bytes, "cert");

        Assert.Equal(DeviceCertificate.Bytes, bytes.Length);
        Assert.Equal(bytes, read.ToBytes());
        Assert.Equal((7, 0x0F8181CFu, Convert.ToHexString(device.Dsn)), (read.FamilyCode, read.IdCode, read.Dsn.ToString()));
        Assert.Equal(device.Factory.IdBytes, read.FactoryId);
        Assert.Equal(P384.Point(device.FactoryPrivateKey), read.FactoryPublicKey);
        read.Verify(device.Factory.CaPublicKey, "cert");
    }

    [Fact]
    public void A_certificate_of_another_factory_is_refused()
    {
        using var device = new ProductionSamples();
        using var other = Spps.Formats.Production.DeviceFactory.Create();

        var error = Assert.Throws<ProductionFormatException>(() => device.Certificate.Verify(other.CaPublicKey, "cert"));
        Assert.Contains("was made by factory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_altered_byte_is_refused_by_the_reader_or_the_signature()
    {
        using var device = new ProductionSamples();
        var bytes = device.Certificate.ToBytes();
        for (var index = 0; index < bytes.Length; index++)
        {
            var altered = bytes.ToArray();
            altered[index] ^= 0x01;
            Assert.Throws<ProductionFormatException>(() => DeviceCertificate.Read(altered, "cert").Verify(device.Factory.CaPublicKey, "cert"));
        }
    }
}
