using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class AuthorizationCodeTests
{
    private static readonly byte[] _kip = RandomNumberGenerator.GetBytes(32);

    public static TheoryData<KeyMode> Modes => [KeyMode.Dfk, KeyMode.Kfp, KeyMode.Kfpe, KeyMode.Kup, KeyMode.Kupe, KeyMode.Uek1, KeyMode.Uek2, KeyMode.Uek3];

    private static AuthorizationCode Seal(ProductionSamples device, KeyMode mode, AuthorizedAction action = AuthorizedAction.Program)
    {
        using var entries = ProductionSamples.Entries(_kip);
        return AuthorizationCode.Seal(action, mode, device.Challenge, device.RecipientFor(mode), entries);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_code_opens_on_its_device_under_each_key_mode(KeyMode mode)
    {
        using var device = new ProductionSamples();
        var code = AuthorizationCode.Read(Seal(device, mode, AuthorizedAction.Erase).ToBytes(), "code");

        Assert.Equal((AuthorizedAction.Erase, mode, Convert.ToHexString(device.Dsn)), (code.Action, code.KeyMode, code.Dsn.ToString()));
        Assert.Equal(device.Challenge.Nonce, code.ChallengeNonce);
        using var entries = code.Open(device.Challenge, device.HolderFor(mode), "code");
        Assert.Equal(_kip, entries.Value(AuthorizationCode.Kip));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_code_does_not_open_with_another_devices_keys(KeyMode mode)
    {
        using var device = new ProductionSamples();
        using var other = new ProductionSamples();
        var code = Seal(device, mode);

        // The other device's keys, with this device's challenge, so only the key differs.
        var holder = AuthorizationCode.EphemeralKeysOf(mode) == 0
            ? other.HolderFor(mode)
            : AuthorizationHolder.Private(mode is KeyMode.Kfp or KeyMode.Kfpe ? other.FactoryAgreementKey : other.UserPrivateKey,
                mode is KeyMode.Kfpe or KeyMode.Kupe ? other.ChallengeKey : device.ChallengeKey);
        var error = Assert.Throws<ProductionFormatException>(() => code.Open(device.Challenge, holder, "code"));
        Assert.Contains("does not open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_for_another_challenge_is_refused()
    {
        using var device = new ProductionSamples();
        var code = Seal(device, KeyMode.Kfp);
        var newChallenge = DeviceChallenge.Create(device.Dsn, DeviceKeyState.None, device.ChallengeKey);

        var error = Assert.Throws<ProductionFormatException>(() => code.Open(newChallenge, device.HolderFor(KeyMode.Kfp), "code"));
        Assert.Contains("not this device's live challenge", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyMode.Dfk)]
    [InlineData(KeyMode.Kupe)]
    public void Every_altered_byte_is_refused(KeyMode mode)
    {
        using var device = new ProductionSamples();
        var bytes = Seal(device, mode).ToBytes();
        for (var index = 0; index < bytes.Length; index++)
        {
            var altered = bytes.ToArray();
            altered[index] ^= 0x04;
            Assert.Throws<ProductionFormatException>(() =>
            {
                var code = AuthorizationCode.Read(altered, "code");
                code.Open(device.Challenge, device.HolderFor(code.KeyMode), "code").Dispose();
            });
        }
    }

    [Theory]
    [InlineData(KeyMode.None)]
    [InlineData(KeyMode.Klk)]
    [InlineData(KeyMode.Kip)]
    public void No_code_is_sealed_under_a_mode_without_a_device_key(KeyMode mode)
    {
        using var device = new ProductionSamples();

        Assert.Throws<ArgumentException>(() => Seal(device, mode));
    }
}
