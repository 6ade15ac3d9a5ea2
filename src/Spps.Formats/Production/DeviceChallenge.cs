using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// A device's challenge (137 bytes): <c>SPPSCHAL</c> ‖ DSN ‖ a random nonce ‖ an ephemeral public key whose private
/// part the device keeps until it takes an authorisation. An authorisation names the nonce, so it is honoured once,
/// by the device that made the challenge.
/// </summary>
public sealed class DeviceChallenge
{
    public const int Bytes = 137;
    public const int NonceBytes = 16;

    private static ReadOnlySpan<byte> Marker => "SPPSCHAL"u8;

    private DeviceChallenge(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(8, Dsn.Bytes));

    public byte[] Nonce => Encoded.AsSpan(24, NonceBytes).ToArray();

    public byte[] EphemeralPublicKey => Encoded.AsSpan(40, P384.PointBytes).ToArray();

    public byte[] ToBytes() => Encoded.ToArray();

    /// <summary>A new challenge with a random nonce for the device's ephemeral key.</summary>
    public static DeviceChallenge Create(ReadOnlySpan<byte> dsn, ECDiffieHellman ephemeralKey)
    {
        if (dsn.Length != Dsn.Bytes)
        {
            throw new ArgumentException($"A DSN has {Dsn.Bytes} bytes, not {dsn.Length}.", nameof(dsn));
        }

        var bytes = new byte[Bytes];
        Marker.CopyTo(bytes);
        dsn.CopyTo(bytes.AsSpan(8));
        RandomNumberGenerator.Fill(bytes.AsSpan(24, NonceBytes));
        P384.Point(ephemeralKey).CopyTo(bytes.AsSpan(40));
        return new DeviceChallenge(bytes);
    }

    /// <summary>Reads exactly what <see cref="ToBytes"/> writes.</summary>
    public static DeviceChallenge Read(ReadOnlySpan<byte> bytes, string source)
    {
        RecordBytes.Expect(bytes, Marker, Bytes, source, "a device challenge");
        RecordBytes.Point(bytes.Slice(40, P384.PointBytes), source, "the challenge's ephemeral key");
        return new DeviceChallenge(bytes.ToArray());
    }
}
