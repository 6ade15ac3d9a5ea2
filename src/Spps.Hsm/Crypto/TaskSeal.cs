using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Spps.Formats.Production;

namespace Spps.Hsm.Crypto;

/// <summary>
/// Seals a secret to an M-HSM's task key (ECDH P-384 public key): ECDH-ES with a fresh ephemeral key per seal, the
/// shared secret through HKDF-SHA384 (salt: the ephemeral public key; info: "spps-task-seal|" and the associated
/// data) into an AES-256 key, then <see cref="AeadWrap"/> (AES-256-GCM) with the associated data. Output:
/// ephemeral key length (2 bytes, big-endian) ‖ ephemeral SubjectPublicKeyInfo ‖ nonce ‖ ciphertext ‖ tag. Only the
/// holder of the task key's private half can open it, and only for the same associated data.
/// </summary>
internal static class TaskSeal
{
    private const int KeyBytes = 32;

    public static byte[] Seal(byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        using var recipient = ECDiffieHellman.Create();
        recipient.ImportSubjectPublicKeyInfo(recipientPublicKey, out _);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var ephemeralPublic = ephemeral.ExportSubjectPublicKeyInfo();
        var key = Key(ephemeral, recipient.PublicKey, ephemeralPublic, associatedData);
        try
        {
            var wrapped = AeadWrap.Wrap(key, plaintext, associatedData);
            var output = new byte[2 + ephemeralPublic.Length + wrapped.Length];
            BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)ephemeralPublic.Length);
            ephemeralPublic.CopyTo(output, 2);
            wrapped.CopyTo(output, 2 + ephemeralPublic.Length);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens a sealed secret, or returns null when it was not sealed to this key for this associated data (or was altered).</summary>
    public static byte[]? TryOpen(ECDiffieHellman recipient, ReadOnlySpan<byte> sealedSecret, string associatedData)
    {
        if (sealedSecret.Length < 2)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(sealedSecret);
        if (sealedSecret.Length < 2 + length)
        {
            return null;
        }

        var ephemeralPublic = sealedSecret.Slice(2, length).ToArray();
        using var ephemeral = ECDiffieHellman.Create();
        try
        {
            ephemeral.ImportSubjectPublicKeyInfo(ephemeralPublic, out var read);
            if (read != length || ephemeral.KeySize != 384)
            {
                return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }

        var key = Key(recipient, ephemeral.PublicKey, ephemeralPublic, associatedData);
        try
        {
            return AeadWrap.TryUnwrap(key, sealedSecret[(2 + length)..], associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Key(ECDiffieHellman own, ECDiffieHellmanPublicKey other, byte[] ephemeralPublic, string associatedData)
    {
        var shared = own.DeriveRawSecretAgreement(other);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA384, shared, KeyBytes, ephemeralPublic, Encoding.UTF8.GetBytes("spps-task-seal|" + associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
