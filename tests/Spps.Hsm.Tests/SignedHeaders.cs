using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>The authentication headers of a request, for tests that send requests by hand.</summary>
internal static class SignedHeaders
{
    /// <summary>
    /// The headers a client sends for <paramref name="body"/>; with <paramref name="declaredLength"/>, the head is signed
    /// for a body of that length instead (a test that sends only the head of a long request).
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> For(HsmCredential credential, string method, string path, byte[] body,
        long? declaredLength = null, long? unixSeconds = null)
    {
        var seconds = unixSeconds ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var nonce = RequestSignature.NewNonce();
        var headers = RequestSignature.Headers(credential.ClientId, credential.Secret, method, path, body, seconds, nonce);
        return declaredLength is not { } length
            ? headers
            : [.. headers.Select(header => header.Name == RequestSignature.HeadSignatureHeader
                ? (header.Name, RequestSignature.Sign(credential.Secret, RequestSignature.HeadCanonical(method, path, seconds, nonce, length)))
                : header)];
    }
}
