using System.Security.Cryptography;
using Spps.Formats.Files;
using Spps.Formats.Production;

namespace Spps.Silicon.Benches;

/// <summary>
/// The bench's key, <c>bench.key</c> beside the state: 32 random bytes, mode 0600. Every device's secrets are sealed
/// under it (<see cref="AeadWrap"/>: AES-256-GCM, nonce 12 ‖ ciphertext ‖ tag 16), with the associated data naming the
/// board, the position and the DSN, so that no key is in clear in a bench file and secrets copied to another device do
/// not open.
/// </summary>
internal sealed class BenchKey : IDisposable
{
    public const string FileName = "bench.key";

    private const int KeyBytes = 32;

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

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context) => AeadWrap.Wrap(_key, plaintext, context);

    /// <summary>The plaintext sealed for <paramref name="context"/>; anything else is refused naming <paramref name="source"/>.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string context, string source) =>
        AeadWrap.TryUnwrap(_key, sealedBytes, context)
        ?? throw new BenchException($"{source}: the secrets do not open under the bench's key (altered, moved from another device, or of another bench).");

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
