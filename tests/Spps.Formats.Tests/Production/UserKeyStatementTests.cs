using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class UserKeyStatementTests
{
    [Fact]
    public void A_statement_reads_back_and_verifies_against_its_device_certificate()
    {
        using var device = new ProductionSamples();
        var read = UserKeyStatement.Read(device.Statement.ToBytes(), "statement");

        Assert.Equal(UserKeyStatement.Bytes, read.ToBytes().Length);
        Assert.Equal(device.Statement.ToBytes(), read.ToBytes());
        Assert.Equal(P384.Point(device.UserPrivateKey), read.UserPublicKey);
        read.Verify(device.Certificate, "statement");
    }

    [Fact]
    public void A_statement_of_another_device_or_altered_is_refused()
    {
        using var device = new ProductionSamples();
        using var other = new ProductionSamples(dsnSeed: 40);
        Assert.Contains("not of", Assert.Throws<ProductionFormatException>(() => device.Statement.Verify(other.Certificate, "statement")).Message, StringComparison.Ordinal);

        var bytes = device.Statement.ToBytes();
        for (var index = 0; index < bytes.Length; index++)
        {
            var altered = bytes.ToArray();
            altered[index] ^= 0x80;
            Assert.Throws<ProductionFormatException>(() => UserKeyStatement.Read(altered, "statement").Verify(device.Certificate, "statement"));
        }
    }
}
