using System.Numerics;
using System.Security.Cryptography;

namespace Spps.Formats.Production;

/// <summary>
/// The P-384 keys of our records: a public key is written as its uncompressed point (<c>04 ‖ X ‖ Y</c>), a signature
/// as IEEE P1363 (<c>r ‖ s</c>) over SHA-384, and a key can be derived from a seed the way the security world's
/// development root and the device factory's CA are.
/// </summary>
public static class P384
{
    public const int CoordinateBytes = 48;
    public const int PointBytes = 1 + (2 * CoordinateBytes);
    public const int SignatureBytes = 2 * CoordinateBytes;

    private static readonly BigInteger _order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The signing key d = (OS2IP(HKDF-SHA384(IKM = <paramref name="seed"/>, no salt, info = <paramref name="info"/>,
    /// L = 64)) mod (n − 1)) + 1, n the order of P-384: 64 bytes make the reduction's bias negligible and the + 1 keeps
    /// d a valid scalar.
    /// </summary>
    public static ECDsa DeriveSigningKey(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> info)
    {
        var material = new byte[64];
        var d = new byte[CoordinateBytes];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA384, seed, material, [], info);
            var scalar = (new BigInteger(material, isUnsigned: true, isBigEndian: true) % (_order - 1)) + 1;
            scalar.TryWriteBytes(d.AsSpan(CoordinateBytes - scalar.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
            var key = ECDsa.Create();
            key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP384, D = d });
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>The uncompressed point of a key's public part.</summary>
    public static byte[] Point(ECParameters parameters) => [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];

    public static byte[] Point(ECDsa key) => Point(key.ExportParameters(includePrivateParameters: false));

    public static byte[] Point(ECDiffieHellman key) => Point(key.ExportParameters(includePrivateParameters: false));

    /// <summary>Whether <paramref name="point"/> is an uncompressed point on P-384.</summary>
    public static bool IsPoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != PointBytes || point[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var key = ECDiffieHellman.Create(Parameters(point));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>A verifier for a public point (checked with <see cref="IsPoint"/> by the record that carries it).</summary>
    public static ECDsa Verifier(ReadOnlySpan<byte> point) => ECDsa.Create(Parameters(point));

    /// <summary>The ECDH secret (the shared point's X) of a private key and a public point.</summary>
    public static byte[] Agree(ECDiffieHellman privateKey, ReadOnlySpan<byte> point)
    {
        using var other = ECDiffieHellman.Create(Parameters(point));
        return privateKey.DeriveRawSecretAgreement(other.PublicKey);
    }

    public static bool VerifySignature(ReadOnlySpan<byte> point, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var verifier = Verifier(point);
        return verifier.VerifyData(data, signature, HashAlgorithmName.SHA384);
    }

    private static ECParameters Parameters(ReadOnlySpan<byte> point) => new()
    {
        Curve = ECCurve.NamedCurves.nistP384,
        Q = new ECPoint { X = point.Slice(1, CoordinateBytes).ToArray(), Y = point.Slice(1 + CoordinateBytes, CoordinateBytes).ToArray() },
    };
}
