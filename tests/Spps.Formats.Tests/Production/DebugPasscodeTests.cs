using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

public class DebugPasscodeTests
{
    private static readonly byte[] _dpk = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void The_passcode_is_the_documented_hmac_of_label_dsn_and_nonce()
    {
        var dsn = Dsn.FromBytes(RandomNumberGenerator.GetBytes(Dsn.Bytes));
        var nonce = RandomNumberGenerator.GetBytes(DeviceChallenge.NonceBytes);
        using var hmac = new HMACSHA256(_dpk);
        var expected = hmac.ComputeHash([.. Encoding.ASCII.GetBytes("spps-debug-passcode"), .. dsn.ToArray(), .. nonce]);

        Assert.Equal(expected, DebugPasscode.Compute(_dpk, dsn, nonce));
        Assert.True(DebugPasscode.Matches(_dpk, dsn, nonce, expected));
    }

    [Fact]
    public void A_passcode_of_another_device_nonce_or_dpk_or_altered_does_not_match()
    {
        var dsn = Dsn.FromBytes(RandomNumberGenerator.GetBytes(Dsn.Bytes));
        var nonce = RandomNumberGenerator.GetBytes(DeviceChallenge.NonceBytes);
        var passcode = DebugPasscode.Compute(_dpk, dsn, nonce);

        Assert.False(DebugPasscode.Matches(_dpk, Dsn.FromBytes(RandomNumberGenerator.GetBytes(Dsn.Bytes)), nonce, passcode));
        Assert.False(DebugPasscode.Matches(_dpk, dsn, RandomNumberGenerator.GetBytes(DeviceChallenge.NonceBytes), passcode));
        Assert.False(DebugPasscode.Matches(RandomNumberGenerator.GetBytes(32), dsn, nonce, passcode));
        Assert.False(DebugPasscode.Matches(_dpk, dsn, nonce, passcode[..31]));
        var altered = passcode.ToArray();
        altered[7] ^= 1;
        Assert.False(DebugPasscode.Matches(_dpk, dsn, nonce, altered));
        Assert.Throws<ArgumentException>(() => DebugPasscode.Compute(_dpk, dsn, nonce[..15]));
    }

    [Fact]
    public void A_debug_code_carries_action_4_and_opens_with_the_passcode_on_its_device()
    {
        using var device = new ProductionSamples();
        var uek1 = RandomNumberGenerator.GetBytes(32);
        var dsn = Dsn.FromBytes(device.Dsn);
        using var entries = new NamedEntries();
        entries.Add(DebugPasscode.EntryName, DebugPasscode.Compute(_dpk, dsn, device.Challenge.Nonce));
        var bytes = AuthorizationCode.Seal(AuthorizedAction.Debug, KeyMode.Uek1, device.Challenge, AuthorizationRecipient.Shared(uek1), entries).ToBytes();

        Assert.Equal(4, bytes[9]);
        var code = AuthorizationCode.Read(bytes, "code");
        using var opened = code.Open(device.Challenge, AuthorizationHolder.Shared(uek1), "code");
        Assert.True(DebugPasscode.Matches(_dpk, dsn, code.ChallengeNonce, opened.Value(DebugPasscode.EntryName)));

        bytes[9] = 5;
        Assert.Contains("actions 1 to 4", Assert.Throws<ProductionFormatException>(() => AuthorizationCode.Read(bytes, "code")).Message, StringComparison.Ordinal);
    }
}
