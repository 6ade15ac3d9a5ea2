using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// A device's statement of its user EC key (217 bytes): <c>SPPSUKEY</c> ‖ DSN ‖ the user public key ‖ the signature
/// by the device's factory key over the first 121 bytes; KUP and KUPE authorisations are made for that key.
/// </summary>
public sealed class UserKeyStatement
{
    public const int Bytes = 217;
    private const int SignedBytes = 121;

    private static ReadOnlySpan<byte> Marker => "SPPSUKEY"u8;

    private UserKeyStatement(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(8, Dsn.Bytes));

    /// <summary>The device's user public key (uncompressed P-384 point).</summary>
    public byte[] UserPublicKey => Encoded.AsSpan(24, P384.PointBytes).ToArray();

    public byte[] ToBytes() => Encoded.ToArray();

    /// <summary>The device signs its user public key with its factory key.</summary>
    public static UserKeyStatement Issue(ECDsa factoryKey, ReadOnlySpan<byte> dsn, ReadOnlySpan<byte> userPublicKey)
    {
        if (dsn.Length != Dsn.Bytes || !P384.IsPoint(userPublicKey))
        {
            throw new ArgumentException("A user key statement needs a 16-byte DSN and a P-384 point.");
        }

        var bytes = new byte[Bytes];
        Marker.CopyTo(bytes);
        dsn.CopyTo(bytes.AsSpan(8));
        userPublicKey.CopyTo(bytes.AsSpan(24));
        factoryKey.SignData(bytes.AsSpan(0, SignedBytes), bytes.AsSpan(SignedBytes), HashAlgorithmName.SHA384);
        return new UserKeyStatement(bytes);
    }

    /// <summary>Reads exactly what <see cref="ToBytes"/> writes; the signature is checked by <see cref="Verify"/>.</summary>
    public static UserKeyStatement Read(ReadOnlySpan<byte> bytes, string source)
    {
        RecordBytes.Expect(bytes, Marker, Bytes, source, "a user key statement");
        RecordBytes.Point(bytes.Slice(24, P384.PointBytes), source, "the user public key");
        return new UserKeyStatement(bytes.ToArray());
    }

    /// <summary>Checks that the device of <paramref name="certificate"/> made this statement.</summary>
    public void Verify(DeviceCertificate certificate, string source)
    {
        if (!certificate.Dsn.Equals(Dsn))
        {
            throw new ProductionFormatException(source, $"the user key statement is of device {Dsn}, not of {certificate.Dsn}");
        }

        if (!P384.VerifySignature(certificate.FactoryPublicKey, Encoded.AsSpan(0, SignedBytes), Encoded.AsSpan(SignedBytes)))
        {
            throw new ProductionFormatException(source, $"the user key statement of {Dsn} is not signed by the device's factory key (it was altered or forged)");
        }
    }
}
