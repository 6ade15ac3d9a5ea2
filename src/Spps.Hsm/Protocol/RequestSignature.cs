using System.Security.Cryptography;
using System.Text;

namespace Spps.Hsm.Protocol;

/// <summary>
/// How every request to the HSM server is authenticated: the client signs
/// <c>METHOD \n path \n unix-seconds \n nonce \n SHA-256(body) in hex</c> with HMAC-SHA256 under its enrolled secret.
/// The server accepts a timestamp within <see cref="MaximumClockSkew"/> and each nonce once, so a captured request
/// cannot be replayed. See docs/hsm-server.md.
/// </summary>
public static class RequestSignature
{
    public const string ClientHeader = "X-Spps-Client";
    public const string TimestampHeader = "X-Spps-Timestamp";
    public const string NonceHeader = "X-Spps-Nonce";
    public const string SignatureHeader = "X-Spps-Signature";

    public static TimeSpan MaximumClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The signed text of a request whose body has the SHA-256 <paramref name="bodyHash"/> (the server hashes the body as it streams in).</summary>
    public static string Canonical(string method, string path, long unixSeconds, string nonce, ReadOnlySpan<byte> bodyHash) =>
        $"{method.ToUpperInvariant()}\n{path}\n{unixSeconds}\n{nonce}\n{Convert.ToHexStringLower(bodyHash)}";

    public static string Sign(ReadOnlySpan<byte> secret, string canonical) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(canonical)));

    public static bool Verify(ReadOnlySpan<byte> secret, string canonical, string signature)
    {
        Span<byte> given = stackalloc byte[32];
        return Convert.TryFromBase64String(signature, given, out var length) && length == 32
               && CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(canonical)));
    }

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
