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
        Assert.NotEqual(read.Nonce, DeviceChallenge.Create(device.Dsn, DeviceKeyState.None, device.ChallengeKey).Nonce);
    }

    [Fact]
    public void A_challenge_states_the_device_s_key_state_and_one_with_bits_no_device_sets_is_refused()
    {
        using var device = new ProductionSamples();
        var state = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.HoldsUek1 | DeviceKeyState.HoldsUek3 | DeviceKeyState.HoldsDpk;
        var bytes = DeviceChallenge.Create(device.Dsn, state, device.ChallengeKey).ToBytes();
        Assert.Equal(state, DeviceChallenge.Read(bytes, "challenge").KeyState);

        Assert.Equal(0x35, bytes[40]); // bit 5: the device holds a DPK
        bytes[40] = 0x40;
        Assert.Contains("key state 40 has bits no device sets", Assert.Throws<ProductionFormatException>(() => DeviceChallenge.Read(bytes, "challenge")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DeviceChallenge.Create(device.Dsn, (DeviceKeyState)0x80, device.ChallengeKey));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(137)]
    [InlineData(139)]
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
