using System.Security.Cryptography;
using System.Text;
using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>
/// What the M-HSM gives one device for one ticketed action (docs/production.md, "The authorisation code"):
/// <c>SPPSAUTH</c>, version 1, action, key mode, the number e of M-HSM ephemeral keys, DSN, the challenge's nonce,
/// the e ephemeral keys, then AES-256-GCM nonce ‖ ciphertext ‖ tag (<see cref="AeadWrap"/>) over named entries
/// (<see cref="Kip"/>, <see cref="Keys"/>, <see cref="CocKey"/>, or for DEBUG <see cref="DebugPasscode.EntryName"/>), with every byte before the nonce as associated data. The key is
/// HKDF-SHA384(IKM, salt = the challenge's nonce, info = "spps-auth|" + key mode), the IKM a key both sides hold
/// (DFK, UEKn) or ECDH with the device's public key and, for KFPE/KUPE, with its challenge's ephemeral key.
/// </summary>
public sealed class AuthorizationCode
{
    /// <summary>The task's KIP for the target: the bitstream's components open under it.</summary>
    public const string Kip = "KIP";

    /// <summary>For a PROGRAM of an Initiator: the security component's payload (policy and the keys the design programs).</summary>
    public const string Keys = "KEYS";

    /// <summary>With <c>-generate_coc</c>: the key of the device's certificate of conformance.</summary>
    public const string CocKey = "COC_KEY";

    private const byte Version = 1;
    private const int FixedBytes = 44;

    private static ReadOnlySpan<byte> Marker => "SPPSAUTH"u8;

    private AuthorizationCode(byte[] encoded) => Encoded = encoded;

    private byte[] Encoded { get; }

    public AuthorizedAction Action => (AuthorizedAction)Encoded[9];

    public KeyMode KeyMode => (KeyMode)Encoded[10];

    public Dsn Dsn => Dsn.FromBytes(Encoded.AsSpan(12, Dsn.Bytes));

    public byte[] ChallengeNonce => Encoded.AsSpan(28, DeviceChallenge.NonceBytes).ToArray();

    private int EphemeralCount => Encoded[11];

    private int AssociatedBytes => FixedBytes + (EphemeralCount * P384.PointBytes);

    public byte[] ToBytes() => Encoded.ToArray();

    /// <summary>How many M-HSM ephemeral keys a key mode uses; -1 for a mode no authorisation is made under.</summary>
    public static int EphemeralKeysOf(KeyMode mode) => mode switch
    {
        KeyMode.Dfk or KeyMode.Uek1 or KeyMode.Uek2 or KeyMode.Uek3 => 0,
        KeyMode.Kfp or KeyMode.Kup => 1,
        KeyMode.Kfpe or KeyMode.Kupe => 2,
        _ => -1,
    };

    /// <summary>The M-HSM's side: seals <paramref name="entries"/> for the device of <paramref name="challenge"/>.</summary>
    public static AuthorizationCode Seal(AuthorizedAction action, KeyMode mode, DeviceChallenge challenge, AuthorizationRecipient recipient, NamedEntries entries)
    {
        var count = EphemeralKeysOf(mode);
        if (count < 0 || !Enum.IsDefined(action) || (count == 0 ? recipient.SharedKey is null : recipient.PublicKey is null))
        {
            throw new ArgumentException($"No authorisation for {action} is made under key mode {mode} with this recipient.", nameof(mode));
        }

        using var first = count > 0 ? ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384) : null;
        using var second = count > 1 ? ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384) : null;
        var header = new byte[FixedBytes + (count * P384.PointBytes)];
        Marker.CopyTo(header);
        header[8] = Version;
        header[9] = (byte)action;
        header[10] = (byte)mode;
        header[11] = (byte)count;
        challenge.Dsn.ToArray().CopyTo(header, 12);
        challenge.Nonce.CopyTo(header, 28);
        byte[] ikm = count == 0
            ? recipient.SharedKey!.ToArray()
            : [.. P384.Agree(first!, recipient.PublicKey), .. second is null ? [] : P384.Agree(second, challenge.EphemeralPublicKey)];
        if (first is not null)
        {
            P384.Point(first).CopyTo(header, FixedBytes);
        }

        if (second is not null)
        {
            P384.Point(second).CopyTo(header, FixedBytes + P384.PointBytes);
        }

        var plaintext = entries.Encode();
        var key = DeriveKey(mode, ikm, challenge.Nonce);
        try
        {
            return new AuthorizationCode([.. header, .. AeadWrap.Wrap(key, plaintext, header)]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Reads exactly what <see cref="Seal"/> makes; whether it opens is <see cref="Open"/>'s question.</summary>
    public static AuthorizationCode Read(ReadOnlySpan<byte> bytes, string source)
    {
        const string What = "an authorisation code";
        RecordBytes.ExpectAtLeast(bytes, Marker, FixedBytes + 2 + AeadWrap.OverheadBytes, source, What);

        if (bytes[8] != Version || !Enum.IsDefined((AuthorizedAction)bytes[9]))
        {
            throw new ProductionFormatException(source, $"{What} of version {bytes[8]} for action {bytes[9]} is not one we make (version {Version}, actions 1 to 4)");
        }

        var mode = (KeyMode)bytes[10];
        var count = EphemeralKeysOf(mode);
        if (count < 0 || bytes[11] != count)
        {
            throw new ProductionFormatException(source, $"{What} for key mode {bytes[10]} with {bytes[11]} ephemeral keys is not one we make");
        }

        if (bytes.Length < FixedBytes + (count * P384.PointBytes) + 2 + AeadWrap.OverheadBytes)
        {
            throw new ProductionFormatException(source, $"{What} ends inside its ephemeral keys or before its ciphertext");
        }

        for (var index = 0; index < count; index++)
        {
            RecordBytes.Point(bytes.Slice(FixedBytes + (index * P384.PointBytes), P384.PointBytes), source, $"ephemeral key {index + 1}");
        }

        return new AuthorizationCode(bytes.ToArray());
    }

    /// <summary>
    /// The device's side: opens the entries with the device's secrets, for the device's live challenge only. A code
    /// made for another challenge (another device, or one already used), under another key, or altered, is refused.
    /// </summary>
    public NamedEntries Open(DeviceChallenge challenge, AuthorizationHolder holder, string source)
    {
        if (!challenge.Dsn.Equals(Dsn) || !CryptographicOperations.FixedTimeEquals(challenge.Nonce, ChallengeNonce))
        {
            throw new ProductionFormatException(source, $"the authorisation code answers a challenge of device {Dsn} that is not this device's live challenge (it is for another device, or was used already)");
        }

        var count = EphemeralCount;
        if (count == 0 ? holder.SharedKey is null : holder.PrivateKey is null || (count == 2 && holder.ChallengeKey is null))
        {
            throw new ArgumentException($"Opening a code of key mode {KeyMode} needs {(count == 0 ? "the shared key" : "the device's private keys")}.", nameof(holder));
        }

        var ephemeral = Encoded.AsSpan(FixedBytes);
        byte[] ikm = count == 0
            ? holder.SharedKey!.ToArray()
            : [.. P384.Agree(holder.PrivateKey!, ephemeral[..P384.PointBytes]), .. count == 2 ? P384.Agree(holder.ChallengeKey!, ephemeral.Slice(P384.PointBytes, P384.PointBytes)) : []];
        var key = DeriveKey(KeyMode, ikm, ChallengeNonce);
        byte[]? plaintext = null;
        try
        {
            plaintext = AeadWrap.TryUnwrap(key, Encoded.AsSpan(AssociatedBytes), Encoded.AsSpan(0, AssociatedBytes))
                ?? throw new ProductionFormatException(source, $"the authorisation code does not open with the {KeyMode.ToString().ToUpperInvariant()} key of device {Dsn} (it was sealed for another key or altered)");
            return NamedEntries.Read(plaintext, source);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext.AsSpan());
        }
    }

    private static byte[] DeriveKey(KeyMode mode, byte[] ikm, byte[] challengeNonce) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA384, ikm, 32, challengeNonce, Encoding.ASCII.GetBytes("spps-auth|" + mode.ToString().ToUpperInvariant()));
}
