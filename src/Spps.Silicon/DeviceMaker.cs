using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// The bench's device factory: makes a virtual device of a die under a factory (docs/production.md, "A virtual
/// device"): its DSN (random, or given so a bench can be remade the same), FK, a factory key pair certified by the
/// factory's CA, and a user EC key pair with its statement.
/// </summary>
public static class DeviceMaker
{
    public static VirtualDevice Make(Die die, DeviceFactory factory, Dsn dsn)
    {
        using var factoryKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var userKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var dsnBytes = dsn.ToArray();
        var state = new DeviceState
        {
            Die = die.Name,
            Dsn = dsn.ToString(),
            Certificate = factory.Certify(die.Family.DataFileCode(), die.IdCode, dsnBytes, P384.Point(factoryKey)).ToBytes(),
            UserKeyStatement = UserKeyStatement.Issue(factoryKey, dsnBytes, P384.Point(userKey)).ToBytes(),
        };
        var secrets = new DeviceSecrets
        {
            FactoryKey = factory.FactoryKey(dsnBytes),
            FactoryPrivateKey = factoryKey.ExportPkcs8PrivateKey(),
            UserPrivateKey = userKey.ExportPkcs8PrivateKey(),
        };
        return new VirtualDevice(die, state, secrets);
    }

    /// <summary>A random DSN.</summary>
    public static Dsn RandomDsn() => Dsn.FromBytes(RandomNumberGenerator.GetBytes(Dsn.Bytes));
}
