using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class DeviceChallengeTests
{
    [Fact]
    public void A_challenge_reads_back_and_each_has_its_own_nonce()
    {
        using var device = new ProductionSamples();
        var read = DeviceChallenge.Read(device.Challenge.ToBytes(), "challenge");

        Assert.Equal(device.Challenge.ToBytes(), read.ToBytes());
        Assert.Equal(Convert.ToHexString(device.Dsn), read.Dsn.ToString());
        Assert.Equal(P384.Point(device.ChallengeKey), read.EphemeralPublicKey);
        Assert.NotEqual(read.Nonce, DeviceChallenge.Create(device.Dsn, device.ChallengeKey).Nonce);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(136)]
    [InlineData(138)]
    public void A_challenge_of_another_length_is_refused(int length)
    {
        using var device = new ProductionSamples();
        var bytes = device.Challenge.ToBytes();
        byte[] changed = length <= bytes.Length ? bytes[..length] : [.. bytes, 0];

        Assert.Throws<ProductionFormatException>(() => DeviceChallenge.Read(changed, "challenge"));
    }

    [Fact]
    public void A_challenge_whose_key_is_not_on_the_curve_is_refused()
    {
        using var device = new ProductionSamples();
        var bytes = device.Challenge.ToBytes();
        bytes[^1] ^= 0x01;

        Assert.Contains("not a P-384 point", Assert.Throws<ProductionFormatException>(() => DeviceChallenge.Read(bytes, "challenge")).Message, StringComparison.Ordinal);
    }
}
