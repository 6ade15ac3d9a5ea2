using System.Globalization;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;

namespace Spps.Hsm.Server;

/// <summary>
/// Checks a request's signature headers against the enrolled clients. Nothing is written for a request that fails
/// any check; only an authentic request records its nonce (which is what makes a replay fail).
/// </summary>
internal sealed class RequestAuthenticator(HsmStore store, TimeProvider clock)
{
    /// <summary>Returns the client's name for the audit log, or throws UNAUTHENTICATED, REPLAYED or MALFORMED.</summary>
    public string Authenticate(string method, string path, string? clientId, string? timestamp, string? nonce, string? signature, byte[] body)
    {
        if (clientId is null || timestamp is null || nonce is null || signature is null)
        {
            throw new HsmException("UNAUTHENTICATED",
                $"The request is not signed: it needs the headers {RequestSignature.ClientHeader}, {RequestSignature.TimestampHeader}, {RequestSignature.NonceHeader} and {RequestSignature.SignatureHeader}, once each.");
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

        var client = store.FindClient(clientId) ?? throw new HsmException("UNAUTHENTICATED", $"The client '{clientId}' is not enrolled with this HSM.");
        if (!RequestSignature.Verify(client.Secret, RequestSignature.Canonical(method, path, seconds, nonce, body), signature))
        {
            throw new HsmException("UNAUTHENTICATED", "The request's signature does not match: the credential is wrong or the request was altered.");
        }

        return store.RecordNonce(clientId, nonce, now, now - 2 * RequestSignature.MaximumClockSkew)
            ? $"{client.Name} ({clientId})"
            : throw new HsmException("REPLAYED", "The request was already received once (replayed nonce) and is refused.");
    }
}
