using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Hsm.Tests;

/// <summary>
/// A device as the M-HSM sees it, made by a factory for a die: a random DSN, its factory key pair certified by the
/// factory's CA, a user EC key with its statement, and a live challenge; it opens an authorisation code with its own
/// secrets only (docs/production.md). The tests' stand-in for a virtual device, holding what silicon would.
/// </summary>
internal sealed class TestDevice : IDisposable
{
    private readonly ECDiffieHellman _factoryKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDiffieHellman _userKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
    private ECDiffieHellman _challengeKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

    public TestDevice(DeviceFactory factory, Die die)
    {
        Factory = factory;
        Certificate = factory.Certify(die.Family.DataFileCode(), die.IdCode, Dsn.ToArray(), P384.Point(_factoryKey));
        using var signer = ECDsa.Create(_factoryKey.ExportParameters(includePrivateParameters: true));
        Statement = UserKeyStatement.Issue(signer, Dsn.ToArray(), P384.Point(_userKey));
        Challenge = DeviceChallenge.Create(Dsn.ToArray(), KeyState, _challengeKey);
    }

    public DeviceFactory Factory { get; }

    public Dsn Dsn { get; } = Dsn.FromBytes(RandomNumberGenerator.GetBytes(Dsn.Bytes));

    public DeviceCertificate Certificate { get; }

    public UserKeyStatement Statement { get; }

    public DeviceChallenge Challenge { get; private set; }

    /// <summary>What the device's next challenge says of its keys (a new device: every key mode allowed, no UEK held).</summary>
    public DeviceKeyState KeyState { get; set; }

    /// <summary>A new challenge, as a device makes before each ticketed action (the previous one is dead).</summary>
    public void NewChallenge()
    {
        _challengeKey.Dispose();
        _challengeKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        Challenge = DeviceChallenge.Create(Dsn.ToArray(), KeyState, _challengeKey);
    }

    /// <summary>
    /// Opens a code for this device's live challenge with the secret its key mode names: FK for DFK, the given update
    /// key for UEKn, the factory or user key pair for the others.
    /// </summary>
    public NamedEntries Open(byte[] code, byte[]? updateKey = null)
    {
        var read = AuthorizationCode.Read(code, "authorisation code");
        var holder = read.KeyMode switch
        {
            KeyMode.Dfk => AuthorizationHolder.Shared(Factory.FactoryKey(Dsn.ToArray())),
            KeyMode.Uek1 or KeyMode.Uek2 or KeyMode.Uek3 => AuthorizationHolder.Shared(updateKey ?? throw new ArgumentNullException(nameof(updateKey))),
            KeyMode.Kfp or KeyMode.Kfpe => AuthorizationHolder.Private(_factoryKey, _challengeKey),
            _ => AuthorizationHolder.Private(_userKey, _challengeKey),
        };
        return read.Open(Challenge, holder, "authorisation code");
    }

    public void Dispose()
    {
        _factoryKey.Dispose();
        _userKey.Dispose();
        _challengeKey.Dispose();
    }
}
