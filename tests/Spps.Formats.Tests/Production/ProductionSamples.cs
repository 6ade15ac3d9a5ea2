using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Formats.Tests.Production;

/// <summary>A device of a private factory, with the secrets a virtual device holds, for the production codec tests.</summary>
public sealed class ProductionSamples : IDisposable
{
    public ProductionSamples(byte dsnSeed = 1)
    {
        Dsn = [.. Enumerable.Range(dsnSeed, 16).Select(i => (byte)i)];
        FactoryPrivateKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        UserPrivateKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        Certificate = Factory.Certify(7, 0x0F8181CF, Dsn, P384.Point(FactoryPrivateKey));
        Statement = UserKeyStatement.Issue(FactoryPrivateKey, Dsn, P384.Point(UserPrivateKey));
        FactoryAgreementKey = ECDiffieHellman.Create(FactoryPrivateKey.ExportParameters(includePrivateParameters: true));
        ChallengeKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        Challenge = DeviceChallenge.Create(Dsn, DeviceKeyState.None, ChallengeKey);
    }

    public DeviceFactory Factory { get; } = DeviceFactory.Create();

    public byte[] Dsn { get; }

    public ECDsa FactoryPrivateKey { get; }

    /// <summary>The factory key pair used for key agreement (KFP, KFPE), as a device does with the one key.</summary>
    public ECDiffieHellman FactoryAgreementKey { get; }

    public ECDiffieHellman UserPrivateKey { get; }

    public DeviceCertificate Certificate { get; }

    public UserKeyStatement Statement { get; }

    public ECDiffieHellman ChallengeKey { get; }

    public DeviceChallenge Challenge { get; }

    public byte[] Uek1 { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>What the M-HSM seals for under a key mode.</summary>
    public AuthorizationRecipient RecipientFor(KeyMode mode) => mode switch
    {
        KeyMode.Dfk => AuthorizationRecipient.Shared(Factory.FactoryKey(Dsn)),
        KeyMode.Kfp or KeyMode.Kfpe => AuthorizationRecipient.Public(Certificate.FactoryPublicKey),
        KeyMode.Kup or KeyMode.Kupe => AuthorizationRecipient.Public(Statement.UserPublicKey),
        _ => AuthorizationRecipient.Shared(Uek1),
    };

    /// <summary>What the device opens with under a key mode, as a device picks it from the code's mode.</summary>
    public AuthorizationHolder HolderFor(KeyMode mode)
    {
        if (AuthorizationCode.EphemeralKeysOf(mode) == 0)
        {
            return AuthorizationHolder.Shared(mode == KeyMode.Dfk ? Factory.FactoryKey(Dsn) : Uek1);
        }

        if (mode is KeyMode.Kfp or KeyMode.Kfpe)
        {
            return AuthorizationHolder.Private(FactoryAgreementKey, ChallengeKey);
        }

        return AuthorizationHolder.Private(UserPrivateKey, ChallengeKey);
    }

    public static NamedEntries Entries(byte[] kip)
    {
        var entries = new NamedEntries();
        entries.Add(AuthorizationCode.Kip, kip);
        entries.Add(AuthorizationCode.CocKey, [.. Enumerable.Range(0, 32).Select(i => (byte)(i + 100))]);
        return entries;
    }

    public void Dispose()
    {
        Factory.Dispose();
        FactoryPrivateKey.Dispose();
        FactoryAgreementKey.Dispose();
        UserPrivateKey.Dispose();
        ChallengeKey.Dispose();
    }
}
