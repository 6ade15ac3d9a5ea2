using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Client;

/// <summary>
/// A client's connection to a module behind an <c>spps-hsm serve</c>: signs each request with the client's
/// credential, sends it and accepts only a reply the module signed for that request. Every role's remote client
/// sends through one of these. Calls are synchronous: the Job Manager calls from its Tcl thread and must not hop threads.
/// </summary>
internal sealed class HsmConnection(Uri server, HsmCredential credential, HttpMessageHandler? handler) : IDisposable
{
    private const string Unreachable = "Could not get server information. Check server address and connection and try again.";

    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true)
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => _http.Dispose();

    /// <summary>Sends <paramref name="request"/> as the operation's JSON body (none when null) and reads the reply as <typeparamref name="T"/>.</summary>
    public T Send<T>(HsmOperation operation, object? request) =>
        Send<T>(operation, request is null ? null : JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), HsmJson.Options));

    private T Send<T>(HsmOperation operation, byte[]? body)
    {
        var (method, path) = (new HttpMethod(operation.Method), operation.Path);
        using var request = new HttpRequestMessage(method, path);
        var nonce = RequestSignature.NewNonce();
        foreach (var (name, value) in RequestSignature.Headers(credential.ClientId, credential.Secret, method.Method, path, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), nonce))
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            // A SocketException comes bare when the server dies while the connection is being set up.
            throw new HsmException("UNREACHABLE", $"{Unreachable} ({server.Authority}: {error.Message})");
        }

        using (response)
        {
            byte[] reply;
            try
            {
                using var stream = response.Content.ReadAsStream();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                reply = buffer.ToArray();
            }
            catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException or SocketException)
            {
                throw new HsmException("UNREACHABLE", $"The HSM server {server.Authority} stopped answering during the request: {error.Message}");
            }

            return response.IsSuccessStatusCode ? Parse<T>(Authentic(response, nonce, reply)) : throw Refusal(response, reply);
        }
    }

    // A reply is taken only when the module this client is enrolled with signed it for this request: whatever else
    // answers at the server's address (its port taken while the server is down) is not the module. A refusal is
    // shown as it came, since the client stops there anyway.
    private byte[] Authentic(HttpResponseMessage response, string nonce, byte[] reply)
    {
        var signature = response.Headers.TryGetValues(RequestSignature.ReplySignatureHeader, out var values) ? values.SingleOrDefault() : null;
        return RequestSignature.Verify(credential.Secret, RequestSignature.ReplyCanonical(nonce, (int)response.StatusCode, SHA256.HashData(reply)), signature)
            ? reply
            : throw new HsmException("UNAUTHENTICATED_REPLY",
                $"The answer from {server.Authority} is not signed by the HSM module this client is enrolled with: something else answers at that address. Nothing was accepted from it.");
    }

    private T Parse<T>(byte[] reply)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(reply, HsmJson.Options) ?? throw new JsonException("empty reply");
        }
        catch (JsonException error)
        {
            throw new HsmException("PROTOCOL", $"The HSM server {server.Authority} sent a reply that is not a valid {typeof(T).Name}: {error.Message}");
        }
    }

    private HsmException Refusal(HttpResponseMessage response, byte[] reply)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ErrorReply>(reply, HsmJson.Options);
            if (error is { Code: not null, Error: not null })
            {
                return new HsmException(error.Code, error.Error);
            }
        }
        catch (JsonException)
        {
            // Not one of our error bodies: described by its status below.
        }

        return new HsmException("PROTOCOL", $"The HSM server {server.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }
}
