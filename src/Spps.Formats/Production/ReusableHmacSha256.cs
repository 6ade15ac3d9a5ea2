using System.Security.Cryptography;

namespace Spps.Formats.Production;

/// <summary>
/// HMAC-SHA256 (RFC 2104) of many messages, each under its own key, built on one SHA-256 context that is reused:
/// H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)). A job status checks up to 100,000 CoCs, each under its device's key, and
/// OpenSSL's one-shot HMAC looks the algorithm up by name on every call, which costs more than hashing a CoC; the
/// reused digest context does not. The padded keys and the inner hash are zeroed after each use.
/// </summary>
public sealed class ReusableHmacSha256 : IDisposable
{
    private const int BlockBytes = 64;
    private const int HashBytes = 32;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5c;
    private const int JoinedMessageBytes = 256;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Writes HMAC-SHA256(<paramref name="key"/>, <paramref name="message"/>) into <paramref name="mac"/> (32 bytes).</summary>
    /// <param name="key">Any length; as RFC 2104 says, a key longer than one block (64 bytes) is hashed first.</param>
    public void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        // Checked before anything is hashed: a refusal half way would leave key-derived state in the reused context.
        if (mac.Length < HashBytes)
        {
            throw new ArgumentException($"A MAC buffer of at least {HashBytes} bytes, not {mac.Length}.", nameof(mac));
        }

        if (key.Length <= BlockBytes)
        {
            ComputeWithBlockKey(key, message, mac);
            return;
        }

        Span<byte> hashedKey = stackalloc byte[HashBytes];
        try
        {
            _sha256.AppendData(key);
            _sha256.GetHashAndReset(hashedKey);
            ComputeWithBlockKey(hashedKey, message, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hashedKey);
        }
    }

    private void ComputeWithBlockKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        // Each hash gets its padded key and its input in one piece: every call into OpenSSL costs about as much as
        // hashing a block, so a CoC's message (under JoinedMessageBytes) is copied beside its padded key.
        var joined = message.Length <= JoinedMessageBytes;
        Span<byte> block = stackalloc byte[BlockBytes + JoinedMessageBytes];
        Span<byte> outer = stackalloc byte[BlockBytes + HashBytes];
        try
        {
            Pad(key, InnerPad, block[..BlockBytes]);
            if (joined)
            {
                message.CopyTo(block[BlockBytes..]);
                _sha256.AppendData(block[..(BlockBytes + message.Length)]);
            }
            else
            {
                _sha256.AppendData(block[..BlockBytes]);
                _sha256.AppendData(message);
            }

            _sha256.GetHashAndReset(outer[BlockBytes..]);
            Pad(key, OuterPad, outer[..BlockBytes]);
            _sha256.AppendData(outer);
            _sha256.GetHashAndReset(mac[..HashBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            CryptographicOperations.ZeroMemory(outer);
        }
    }

    private static void Pad(ReadOnlySpan<byte> key, byte pad, Span<byte> block)
    {
        block.Fill(pad);
        for (var index = 0; index < key.Length; index++)
        {
            block[index] ^= key[index];
        }
    }

    public void Dispose() => _sha256.Dispose();
}
