using System.Security.Cryptography;
using System.Text;

namespace Spps.Formats.Production;

/// <summary>
/// Wraps a secret under a key with AES-256-GCM: output is nonce (12, random) ‖ ciphertext ‖ tag (16). The associated
/// data names what the secret is and where it belongs, so a wrapped value cannot be moved to another slot unnoticed.
/// The one construction of every sealed value we store: the HSM's store, keysets and task keys, the bench's device
/// secrets, authorisation codes (docs/security.md, docs/formats/bench.md).
/// </summary>
public static class AeadWrap
{
    /// <summary>What wrapping adds to a secret: the nonce before it and the tag after it.</summary>
    public const int OverheadBytes = NonceBytes + TagBytes;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] Wrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string associatedData) =>
        Wrap(key, plaintext, Encoding.UTF8.GetBytes(associatedData));

    public static byte[] Wrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[plaintext.Length + OverheadBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>Unwraps, or returns null when the value was not wrapped under this key for this purpose (or was altered).</summary>
    public static byte[]? TryUnwrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> wrapped, string associatedData) =>
        TryUnwrap(key, wrapped, Encoding.UTF8.GetBytes(associatedData));

    /// <inheritdoc cref="TryUnwrap(ReadOnlySpan{byte}, ReadOnlySpan{byte}, string)"/>
    public static byte[]? TryUnwrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        if (wrapped.Length < OverheadBytes)
        {
            return null;
        }

        var plaintext = new byte[wrapped.Length - OverheadBytes];
        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(wrapped[..NonceBytes], wrapped.Slice(NonceBytes, plaintext.Length), wrapped[^TagBytes..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
