using System.Globalization;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;

namespace Spps.Hsm.Access;

/// <summary>
/// Checks a request's signature headers against the enrolled clients, in two steps: the head (present, well formed,
/// timely, from an enrolled client, its head signature right, its nonce new) before any byte of the body is read, then
/// the signature over the body's hash. Nothing is written for a request that fails any check; only an authentic
/// request records its nonce, with its audit row (<see cref="AuthenticRequest"/>), which is what makes a replay fail.
/// </summary>
internal sealed class RequestAuthenticator(HsmStore store, TimeProvider clock)
{
    /// <summary>Checks the head of a request with a body of <paramref name="bodyLength"/> bytes; throws UNAUTHENTICATED, REPLAYED or MALFORMED.</summary>
    public RequestClaim CheckHead(string method, string path, long bodyLength, RequestHeaders headers)
    {
        if (headers is not { ClientId: { } clientId, Timestamp: { } timestamp, Nonce: { } nonce, HeadSignature: { } headSignature, Signature: { } signature })
        {
            throw new HsmException("UNAUTHENTICATED",
                $"The request is not signed: it needs the headers {RequestSignature.ClientHeader}, {RequestSignature.TimestampHeader}, {RequestSignature.NonceHeader}, " +
                $"{RequestSignature.HeadSignatureHeader} and {RequestSignature.SignatureHeader}, once each.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || nonce.Length is < 16 or > 64)
        {
            throw new HsmException("MALFORMED", "The request's timestamp or nonce is malformed (expecting Unix seconds and 16 to 64 characters).");
        }

        var now = clock.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - sent).Duration() > RequestSignature.MaximumClockSkew)
        {
            throw new HsmException("UNAUTHENTICATED", $"The request's time {sent:u} is more than {RequestSignature.MaximumClockSkew.TotalMinutes} minutes from the server's ({now:u}); check the clocks.");
        }

        var (enrolled, nonceSeen) = store.FindClient(clientId, seconds, nonce);
        var client = enrolled ?? throw new HsmException("UNAUTHENTICATED", "The client is not enrolled with this HSM.");
        if (!RequestSignature.Verify(client.Secret, RequestSignature.HeadCanonical(method, path, seconds, nonce, bodyLength), headSignature))
        {
            throw new HsmException("UNAUTHENTICATED", "The request's signature does not match: the credential is wrong or the request was altered.");
        }

        return nonceSeen
            ? throw Replayed()
            : new RequestClaim(client, method, path, seconds, nonce, signature);
    }

    /// <summary>Checks the signature over the request and its body's SHA-256; the nonce is recorded with the request's audit row.</summary>
    public AuthenticRequest Verify(RequestClaim claim, ReadOnlySpan<byte> bodyHash) =>
        RequestSignature.Verify(claim.Client.Secret, RequestSignature.Canonical(claim.Method, claim.Path, claim.Seconds, claim.Nonce, bodyHash), claim.Signature)
            ? Authentic(claim)
            : throw new HsmException("UNAUTHENTICATED", "The request's signature does not match: the credential is wrong or the request was altered.");

    private AuthenticRequest Authentic(RequestClaim claim)
    {
        var client = $"{claim.Client.Name} ({claim.Client.Id})";
        return new AuthenticRequest(client, new RequestAuditLog(store, claim, client, clock));
    }

    internal static HsmException Replayed() => new("REPLAYED", "The request was already received once (replayed nonce) and is refused.");
}
