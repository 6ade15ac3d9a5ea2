using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// A device's certificate (257 bytes): <c>SPPSDCRT</c>, version 1, family code, two zero bytes, IDCODE (u32), DSN,
/// factory id, the device's factory public key, and the device CA's signature over all of that
/// (docs/production.md, "Device certificate").
/// </summary>
public sealed class DeviceCertificate
{
    public const int Bytes = 257;
    private const int SignedBytes = 161;
    private const byte Version = 1;

    private static ReadOnlySpan<byte> Marker => "SPPSDCRT"u8;

    private DeviceCertificate(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public byte FamilyCode => Encoded[9];

    public uint IdCode => BinaryPrimitives.ReadUInt32LittleEndian(Encoded.AsSpan(12));

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(16, Dsn.Bytes));

    /// <summary>The id (SHA-256 of the CA's public key) of the factory that says it made the device.</summary>
    public byte[] FactoryId => Encoded.AsSpan(32, 32).ToArray();

    /// <summary>The device's factory public key (uncompressed P-384 point).</summary>
    public byte[] FactoryPublicKey => Encoded.AsSpan(64, P384.PointBytes).ToArray();

    public byte[] ToBytes() => Encoded.ToArray();

    internal static DeviceCertificate Issue(ECDsa ca, ReadOnlySpan<byte> factoryId, byte familyCode, uint idCode, ReadOnlySpan<byte> dsn, ReadOnlySpan<byte> factoryPublicKey)
    {
        if (dsn.Length != Dsn.Bytes || !P384.IsPoint(factoryPublicKey))
        {
            throw new ArgumentException("A device certificate needs a 16-byte DSN and a P-384 point.");
        }

        var bytes = new byte[Bytes];
        Marker.CopyTo(bytes);
        bytes[8] = Version;
        bytes[9] = familyCode;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), idCode);
        dsn.CopyTo(bytes.AsSpan(16));
        factoryId.CopyTo(bytes.AsSpan(32));
        factoryPublicKey.CopyTo(bytes.AsSpan(64));
        ca.SignData(bytes.AsSpan(0, SignedBytes), bytes.AsSpan(SignedBytes), HashAlgorithmName.SHA384);
        return new DeviceCertificate(bytes);
    }

    /// <summary>Reads exactly what <see cref="ToBytes"/> writes; the signature is checked by <see cref="Verify"/>.</summary>
    public static DeviceCertificate Read(ReadOnlySpan<byte> bytes, string source)
    {
        const string What = "a device certificate";
        RecordBytes.Expect(bytes, Marker, Bytes, source, What);
        if (bytes[8] != Version || bytes[10] != 0 || bytes[11] != 0)
        {
            throw new ProductionFormatException(source, $"{What} of version {bytes[8]} (or with reserved bytes set) is not one we make (version {Version})");
        }

        RecordBytes.Point(bytes.Slice(64, P384.PointBytes), source, "the device's factory public key");
        return new DeviceCertificate(bytes.ToArray());
    }

    /// <summary>Checks that the factory whose CA public key (SubjectPublicKeyInfo DER) is given issued this certificate.</summary>
    public void Verify(ReadOnlySpan<byte> caPublicKey, string source)
    {
        using var ca = ECDsa.Create();
        ca.ImportSubjectPublicKeyInfo(caPublicKey, out _);
        if (!SHA256.HashData(caPublicKey).AsSpan().SequenceEqual(Encoded.AsSpan(32, 32)))
        {
            throw new ProductionFormatException(source, $"the device {Dsn} was made by factory {Convert.ToHexStringLower(FactoryId)}, not by {Convert.ToHexStringLower(SHA256.HashData(caPublicKey))}");
        }

        if (!ca.VerifyData(Encoded.AsSpan(0, SignedBytes), Encoded.AsSpan(SignedBytes), HashAlgorithmName.SHA384))
        {
            throw new ProductionFormatException(source, $"the device certificate of {Dsn} is not signed by its factory's CA (it was altered or forged)");
        }
    }
}
