using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Spps.Formats.Production;

namespace Spps.Hsm.Protocol;

/// <summary>
/// How requests to the HSM server and its replies are authenticated, with HMAC-SHA256 under the client's enrolled
/// secret (docs/hsm-server.md):
/// <list type="bullet">
/// <item>the head signature covers <c>head \n METHOD \n path \n unix-seconds \n nonce \n body length</c>: the server checks
/// it before it reads a byte of the body, so only the client can make the server take a body;</item>
/// <item>the signature covers <c>METHOD \n path \n unix-seconds \n nonce \n SHA-256(body) in hex</c>, checked once the body
/// is in;</item>
/// <item>the reply signature covers <c>reply \n nonce \n status \n SHA-256(reply body) in hex</c>: the client accepts a
/// reply only from the module it is enrolled with, not from whatever answers at the server's address.</item>
/// </list>
/// The server accepts a timestamp within <see cref="MaximumClockSkew"/> and each nonce once.
/// </summary>
public static class RequestSignature
{
    public const string ClientHeader = "X-Spps-Client";
    public const string TimestampHeader = "X-Spps-Timestamp";
    public const string NonceHeader = "X-Spps-Nonce";
    public const string HeadSignatureHeader = "X-Spps-Head-Signature";
    public const string SignatureHeader = "X-Spps-Signature";
    public const string ReplySignatureHeader = "X-Spps-Reply-Signature";

    private const int MacBytes = 32;

    [ThreadStatic]
    private static ReusableHmacSha256? _threadHmac;

    public static TimeSpan MaximumClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The signed text of a request's head: everything but the body, with the body's length.</summary>
    public static string HeadCanonical(string method, string path, long unixSeconds, string nonce, long bodyLength) =>
        $"head\n{method.ToUpperInvariant()}\n{path}\n{unixSeconds}\n{nonce}\n{bodyLength}";

    /// <summary>The signed text of a request whose body has the SHA-256 <paramref name="bodyHash"/> (the server hashes the body as it streams in).</summary>
    public static string Canonical(string method, string path, long unixSeconds, string nonce, ReadOnlySpan<byte> bodyHash) =>
        $"{method.ToUpperInvariant()}\n{path}\n{unixSeconds}\n{nonce}\n{Convert.ToHexStringLower(bodyHash)}";

    /// <summary>The signed text of a reply with status <paramref name="status"/> to the request with <paramref name="nonce"/>.</summary>
    public static string ReplyCanonical(string nonce, int status, ReadOnlySpan<byte> bodyHash) =>
        $"reply\n{nonce}\n{status}\n{Convert.ToHexStringLower(bodyHash)}";

    /// <summary>The headers that authenticate a request of <paramref name="clientId"/>, sent at <paramref name="unixSeconds"/> with <paramref name="nonce"/>.</summary>
    public static IReadOnlyList<(string Name, string Value)> Headers(string clientId, ReadOnlySpan<byte> secret, string method, string path,
        ReadOnlySpan<byte> body, long unixSeconds, string nonce) =>
    [
        (ClientHeader, clientId),
        (TimestampHeader, unixSeconds.ToString(CultureInfo.InvariantCulture)),
        (NonceHeader, nonce),
        (HeadSignatureHeader, Sign(secret, HeadCanonical(method, path, unixSeconds, nonce, body.Length))),
        (SignatureHeader, Sign(secret, Canonical(method, path, unixSeconds, nonce, SHA256.HashData(body)))),
    ];

    public static string Sign(ReadOnlySpan<byte> secret, string canonical)
    {
        Span<byte> mac = stackalloc byte[MacBytes];
        Mac(secret, canonical, mac);
        return Convert.ToBase64String(mac);
    }

    public static bool Verify(ReadOnlySpan<byte> secret, string canonical, string? signature)
    {
        Span<byte> given = stackalloc byte[MacBytes];
        Span<byte> expected = stackalloc byte[MacBytes];
        if (signature is null || !Convert.TryFromBase64String(signature, given, out var length) || length != MacBytes)
        {
            return false;
        }

        Mac(secret, canonical, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    // Every request costs its client two signatures and a reply check, and the server two checks and a reply
    // signature: each thread computes them on one reused SHA-256 context (ReusableHmacSha256), where a one-shot
    // HMAC would look the algorithm up in OpenSSL each time. Enrolled secrets have 32 bytes; a credential file edited
    // by hand may hold any length, and signs as HMAC-SHA256 would.
    private static void Mac(ReadOnlySpan<byte> secret, string canonical, Span<byte> mac) =>
        (_threadHmac ??= new ReusableHmacSha256()).Compute(secret, Encoding.UTF8.GetBytes(canonical), mac);

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
