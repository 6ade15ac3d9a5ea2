using System.Security.Cryptography;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// A device's challenge (138 bytes): <c>SPPSCHAL</c> ‖ DSN ‖ a random nonce ‖ the device's key state ‖ an ephemeral
/// public key whose private part the device keeps until it takes an authorisation. An authorisation names the nonce,
/// so it is honoured once, by the device that made the challenge; the key state tells the M-HSM which key modes the
/// device still takes.
/// </summary>
public sealed class DeviceChallenge
{
    public const int Bytes = 138;
    public const int NonceBytes = 16;

    private const int NonceOffset = 24;
    private const int KeyStateOffset = 40;
    private const int KeyOffset = 41;

    private static ReadOnlySpan<byte> Marker => "SPPSCHAL"u8;

    private DeviceChallenge(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(8, Dsn.Bytes));

    public byte[] Nonce => Encoded.AsSpan(NonceOffset, NonceBytes).ToArray();

    public DeviceKeyState KeyState => (DeviceKeyState)Encoded[KeyStateOffset];

    public byte[] EphemeralPublicKey => Encoded.AsSpan(KeyOffset, P384.PointBytes).ToArray();

    public byte[] ToBytes() => Encoded.ToArray();

    /// <summary>A new challenge with a random nonce for the device's ephemeral key, stating the device's key state.</summary>
    public static DeviceChallenge Create(ReadOnlySpan<byte> dsn, DeviceKeyState keyState, ECDiffieHellman ephemeralKey)
    {
        if (dsn.Length != Dsn.Bytes)
        {
            throw new ArgumentException($"A DSN has {Dsn.Bytes} bytes, not {dsn.Length}.", nameof(dsn));
        }

        if ((keyState & ~DeviceKeyStates.All) != 0)
        {
            throw new ArgumentException($"The key state {(byte)keyState:X2} has bits no device sets.", nameof(keyState));
        }

        var bytes = new byte[Bytes];
        Marker.CopyTo(bytes);
        dsn.CopyTo(bytes.AsSpan(8));
        RandomNumberGenerator.Fill(bytes.AsSpan(NonceOffset, NonceBytes));
        bytes[KeyStateOffset] = (byte)keyState;
        P384.Point(ephemeralKey).CopyTo(bytes.AsSpan(KeyOffset));
        return new DeviceChallenge(bytes);
    }

    /// <summary>Reads exactly what <see cref="ToBytes"/> writes.</summary>
    public static DeviceChallenge Read(ReadOnlySpan<byte> bytes, string source)
    {
        RecordBytes.Expect(bytes, Marker, Bytes, source, "a device challenge");
        if (((DeviceKeyState)bytes[KeyStateOffset] & ~DeviceKeyStates.All) != 0)
        {
            throw new ProductionFormatException(source, $"the challenge's key state {bytes[KeyStateOffset]:X2} has bits no device sets");
        }

        RecordBytes.Point(bytes.Slice(KeyOffset, P384.PointBytes), source, "the challenge's ephemeral key");
        return new DeviceChallenge(bytes.ToArray());
    }
}
