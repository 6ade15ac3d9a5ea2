using System.Security.Cryptography;
using System.Text;

namespace Spps.Formats.Production;

/// <summary>
/// The device factory: a 32-byte seed from which the device CA's key pair, the factory id and every device's factory
/// key FK are derived (docs/production.md, "The device factory"). The development factory's seed is published, so
/// it protects nothing and is labelled wherever it shows; a private factory has a random seed kept in its file.
/// Disposing zeroes the seed.
/// </summary>
public sealed class DeviceFactory : IDisposable
{
    public const int SeedBytes = 32;

    /// <summary>How the development factory is shown, like the published KLK: whoever reads the design can forge its devices.</summary>
    public const string DevelopmentLabel = "development factory (published seed: offers no security)";

    /// <summary>The published input of the development factory's seed.</summary>
    public const string DevelopmentPhrase = "SPPS development device factory: published, offers no security";

    private static readonly Lazy<byte[]> _developmentSeed = new(() =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.ASCII.GetBytes(DevelopmentPhrase), SeedBytes, [], "spps-factory-seed"u8.ToArray()));

    private readonly byte[] _seed;
    private readonly ECDsa _ca;

    private DeviceFactory(byte[] seed)
    {
        _seed = seed;
        _ca = P384.DeriveSigningKey(seed, "spps-device-ca P-384"u8);
        CaPublicKey = _ca.ExportSubjectPublicKeyInfo();
        IdBytes = SHA256.HashData(CaPublicKey);
        IsDevelopment = CryptographicOperations.FixedTimeEquals(seed, _developmentSeed.Value);
    }

    /// <summary>The device CA's public key (SubjectPublicKeyInfo DER), which checks device certificates.</summary>
    public byte[] CaPublicKey { get; }

    /// <summary>SHA-256 of <see cref="CaPublicKey"/>, as device certificates carry it.</summary>
    public byte[] IdBytes { get; }

    /// <summary>The factory id in lower-case hex.</summary>
    public string Id => Convert.ToHexStringLower(IdBytes);

    public bool IsDevelopment { get; }

    /// <summary>The factory id, labelled when it is the development factory.</summary>
    public string Describe() => IsDevelopment ? $"{Id} ({DevelopmentLabel})" : Id;

    public static DeviceFactory Development() => new(_developmentSeed.Value.ToArray());

    /// <summary>A new private factory with a random seed.</summary>
    public static DeviceFactory Create() => new(RandomNumberGenerator.GetBytes(SeedBytes));

    /// <summary>The factory of a seed kept elsewhere (a factory file, an M-HSM's store).</summary>
    public static DeviceFactory FromSeed(ReadOnlySpan<byte> seed) => seed.Length == SeedBytes
        ? new DeviceFactory(seed.ToArray())
        : throw new ArgumentException($"A factory seed has {SeedBytes} bytes, not {seed.Length}.", nameof(seed));

    /// <summary>A copy of the seed, for the factory file or an M-HSM's store; the caller zeroes it.</summary>
    public byte[] ExportSeed() => _seed.ToArray();

    /// <summary>
    /// The factory key FK of a device: NIST SP 800-108 counter mode, HMAC-SHA256, key = seed, Label = "SPPS factory
    /// key", Context = the DSN, L = 256. The caller zeroes it.
    /// </summary>
    public byte[] FactoryKey(ReadOnlySpan<byte> dsn) => dsn.Length == Spps.Devices.Dsn.Bytes
        ? SP800108HmacCounterKdf.DeriveBytes(_seed, HashAlgorithmName.SHA256, "SPPS factory key"u8, dsn, 32)
        : throw new ArgumentException($"A DSN has {Spps.Devices.Dsn.Bytes} bytes, not {dsn.Length}.", nameof(dsn));

    /// <summary>Certifies a device's factory public key: the device CA signs its die, DSN and key.</summary>
    public DeviceCertificate Certify(byte familyCode, uint idCode, ReadOnlySpan<byte> dsn, ReadOnlySpan<byte> factoryPublicKey) =>
        DeviceCertificate.Issue(_ca, IdBytes, familyCode, idCode, dsn, factoryPublicKey);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        _ca.Dispose();
    }
}
