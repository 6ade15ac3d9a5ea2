using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats.Keysets;
using Spps.Hsm;
using Spps.Hsm.Access;
using Spps.Hsm.Protocol;

namespace Spps.Benchmarks;

/// <summary>
/// A served <c>create_keyset</c> without HTTP: the client's and the server's steps in the order they take them (the
/// request serialised and signed; its head checked, its signature verified, the role called with the nonce recorded
/// in the audit, the reply serialised and signed; the reply's signature checked and the reply parsed), called
/// directly. Measured beside the served and the embedded operation, it splits the served cost between the request's
/// own work and the HTTP round trip.
/// </summary>
internal sealed class RequestWithoutHttp(HsmEndpoint endpoint, HsmCredential credential)
{
    private const int Ok = 200;

    public WrappedKeyset CreateKeyset(CreateKeysetRequest request)
    {
        var operation = HsmOperation.CreateKeyset;
        var body = JsonSerializer.SerializeToUtf8Bytes(request, HsmJson.Options);
        var nonce = RequestSignature.NewNonce();
        var headers = RequestSignature.Headers(credential.ClientId, credential.Secret, operation.Method, operation.Path, body,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), nonce).ToDictionary(header => header.Name, header => header.Value);

        var claim = endpoint.CheckHead(operation.Method, operation.Path, body.Length, new RequestHeaders(headers[RequestSignature.ClientHeader],
            headers[RequestSignature.TimestampHeader], headers[RequestSignature.NonceHeader], headers[RequestSignature.HeadSignatureHeader], headers[RequestSignature.SignatureHeader]));
        var authentic = endpoint.Verify(claim, SHA256.HashData(body));
        var reply = endpoint.Handle(operation, authentic, body);
        var replySignature = HsmEndpoint.SignReply(claim, Ok, reply);

        return RequestSignature.Verify(credential.Secret, RequestSignature.ReplyCanonical(nonce, Ok, SHA256.HashData(reply)), replySignature)
            ? JsonSerializer.Deserialize<WrappedKeyset>(reply, HsmJson.Options) ?? throw new InvalidOperationException("An empty reply.")
            : throw new InvalidOperationException("The reply's signature does not match.");
    }
}
