using System.Security.Cryptography;
using System.Text;
using Spps.Formats.Files;

namespace Spps.Silicon.Benches;

/// <summary>
/// The bench's key, <c>bench.key</c> beside the state: 32 random bytes, mode 0600. Every device's secrets are sealed
/// under it (AES-256-GCM: nonce 12 ‖ ciphertext ‖ tag 16), with the associated data naming the board, the position
/// and the DSN, so that no key is in clear in a bench file and secrets copied to another device do not open.
/// </summary>
internal sealed class BenchKey : IDisposable
{
    public const string FileName = "bench.key";

    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    private BenchKey(byte[] key) => _key = key;

    /// <summary>Makes the key of a new bench in <paramref name="folder"/>.</summary>
    public static BenchKey Create(string folder)
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        using var stream = OwnerOnlyFile.CreateNew(Path.Combine(folder, FileName));
        stream.Write(key);
        stream.Flush(flushToDisk: true);
        return new BenchKey(key);
    }

    public static BenchKey Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"The bench key '{path}' cannot be read ({error.Message.TrimEnd('.')}): a bench folder holds the bench.key that 'spps-bench create' made.");
        }

        return key.Length == KeyBytes ? new BenchKey(key) : throw new BenchException($"The bench key '{path}' is not {KeyBytes} bytes: it is not the key 'spps-bench create' made.");
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return output;
    }

    /// <summary>The plaintext sealed for <paramref name="context"/>; anything else is refused naming <paramref name="source"/>.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string context, string source)
    {
        var refused = new BenchException($"{source}: the secrets do not open under the bench's key (altered, moved from another device, or of another bench).");
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw refused;
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, plaintext.Length), sealedBytes[^TagBytes..], plaintext, Encoding.UTF8.GetBytes(context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw refused;
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
