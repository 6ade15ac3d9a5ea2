using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// An adversarial review of the served module: what a stranger who knows only a client id (it is not a secret: the
/// request log prints it with every request, <c>spps-hsm enroll</c> prints it, every request carries it in clear), a
/// stranger with nothing at all, and an enrolled client can make the server do.
/// </summary>
[Collection(nameof(HsmServerRobustnessTests))] // alone: two tests measure the process's allocations
public sealed class ServerAttackTests : ServedModuleTest
{

    /// <summary>
    /// Attack: the headers are "checked before a byte of the body is read", but that check only looks the client id
    /// up; the signature, which is the only thing a stranger cannot make, is checked after the whole body is in. So
    /// anyone who knows a client id makes the server wait for, read and hash up to 64 MiB per request.
    /// </summary>
    [Fact]
    public async Task A_client_id_without_its_secret_is_refused_before_the_body_is_sent()
    {
        using var connection = await Connect();
        var answer = ReadResponse(connection.GetStream(), CancellationToken.None);
        await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Head("POST", HsmOperation.SealBitstream.Path, 60L << 20, ForgedHeaders())));
        var first = await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.True(first == answer, "The server waits for the 60 MiB body of a request whose signature nobody but the client can make: it checks the signature only after reading it.");
        Assert.Equal(401, (await answer).Status);
    }

    /// <summary>
    /// Attack: the body buffer is sized from the declared Content-Length before a byte arrives, so a stranger who
    /// knows a client id makes the server allocate 64 MiB per connection by sending one line of headers, and keeps it
    /// held by trickling the body above Kestrel's minimum data rate. A few hundred connections exhaust the host.
    /// </summary>
    [Fact]
    public async Task A_declared_length_from_a_client_id_without_its_secret_costs_theServer_no_memory()
    {
        var connections = new List<TcpClient>();
        try
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 4; i++)
            {
                var connection = await Connect();
                connections.Add(connection);
                await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Head("POST", HsmOperation.SealBitstream.Path, 60L << 20, ForgedHeaders())));
            }

            // Give the server the time to handle the four heads (it allocates at once, or never).
            var allocated = 0L;
            for (var wait = 0; wait < 30 && allocated < 200L << 20; wait++)
            {
                await Task.Delay(100);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            Assert.True(allocated < 32L << 20,
                $"{allocated >> 20} MiB were allocated for four heads that declared 60 MiB bodies, signed by nobody (no body byte was sent)");
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    /// <summary>
    /// Refused (coverage): the request log ("one line per request") quotes the request path of every request, signed
    /// or not; a stranger with no credential tries to write a line of his choosing into it with %0D%0A in the path
    /// (a line saying that an enrolled client sealed a bitstream). Kestrel does not hand such a path on decoded.
    /// </summary>
    [Fact]
    public async Task A_stranger_cannot_write_lines_of_his_choosing_into_the_requestLog()
    {
        const string forged = "POST /v1/user/bitstreams by production (0b1e0a3c-0000-4000-8000-000000000000): ok";
        var target = "/v1/info%0D%0A" + Uri.EscapeDataString(forged).Replace("%2F", "/", StringComparison.Ordinal);
        using var connection = await Connect();
        var answer = ReadResponse(connection.GetStream(), CancellationToken.None);
        await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {Server.Address.Authority}\r\nContent-Length: 0\r\n\r\n"));
        await answer;
        var lines = Log.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(forged, lines);
    }

    /// <summary>
    /// Attack: an enrolled client writes lines into the request log through any text the server repeats in a refusal,
    /// here the master key UUID of a keyset (it is not checked to be a UUID before it is quoted).
    /// </summary>
    [Fact]
    public void An_enrolled_client_cannot_write_lines_of_his_choosing_into_the_requestLog()
    {
        const string forged = "POST /v1/user/bitstreams by production (0b1e0a3c-0000-4000-8000-000000000000): ok";
        using var client = new RemoteUserHsm(Server.Address, Credential);
        var keyset = client.CreateKeyset(new(new Dictionary<string, byte[]>(), null));
        Assert.Throws<HsmException>(() => client.VerifyKeyset(keyset with { MasterKeyUuid = "x\n" + forged + "\n" }));
        var lines = Log.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(forged, lines);
    }

    /// <summary>
    /// Finding: "an authentic request records its nonce and one audit row whatever its outcome" (hsm-server.md), but
    /// the authentic GET /v1/info records its nonce and no audit row: who asked the module about itself, and when, is
    /// not in the audit log.
    /// </summary>
    [Fact]
    public void An_authentic_info_request_leaves_one_audit_row()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        var (audit, nonces) = (Module.Store.Count("audit"), Module.Store.Count("request_nonces"));
        client.GetInfo();
        Assert.Equal(nonces + 1, Module.Store.Count("request_nonces"));
        Assert.Equal(audit + 1, Module.Store.Count("audit"));
    }

    /// <summary>
    /// Refused (coverage): a captured signed request cannot be turned into another operation or replayed with a
    /// changed query string; the signature covers the method and the route, the nonce is spent once.
    /// </summary>
    [Fact]
    public async Task A_captured_request_cannot_be_moved_to_another_route_method_or_query()
    {
        using var http = new HttpClient { BaseAddress = Server.Address };
        var body = Encoding.UTF8.GetBytes("{\"imports\":{},\"source\":null}");
        var headers = Signed("POST", HsmOperation.CreateKeyset.Path, body);
        var before = AuditAndNonceCounts();

        var otherRoute = await http.SendAsync(Request(HttpMethod.Post, HsmOperation.VerifyKeyset.Path, body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, otherRoute.StatusCode);
        var otherMethod = await http.SendAsync(Request(HttpMethod.Put, HsmOperation.CreateKeyset.Path, body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, otherMethod.StatusCode); // the head signature covers the method

        Assert.Equal(before, AuditAndNonceCounts());

        var genuine = await http.SendAsync(Request(HttpMethod.Post, HsmOperation.CreateKeyset.Path, body, headers));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var withQuery = await http.SendAsync(Request(HttpMethod.Post, HsmOperation.CreateKeyset.Path + "?again=1", body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, withQuery.StatusCode);
        Assert.Contains("REPLAYED", await withQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Refused (coverage): a request signed by one client and sent under another client's id.</summary>
    [Fact]
    public void A_request_signed_with_one_client_s_secret_under_another_client_s_id_is_refused()
    {
        var other = Module.Enroll("other");
        using var client = new RemoteUserHsm(Server.Address, other with { Secret = Credential.Secret });
        var before = Module.Store.Count("audit");
        Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => client.CreateKeyset(new(new Dictionary<string, byte[]>(), null))).Code);
        Assert.Equal(before, Module.Store.Count("audit"));
    }

    // The headers of a request that names a real client, is on time, and carries signatures nobody made.
    private Dictionary<string, string> ForgedHeaders() => new()
    {
        [RequestSignature.ClientHeader] = Credential.ClientId,
        [RequestSignature.TimestampHeader] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        [RequestSignature.NonceHeader] = RequestSignature.NewNonce(),
        [RequestSignature.HeadSignatureHeader] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [RequestSignature.SignatureHeader] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private IReadOnlyList<(string Name, string Value)> Signed(string method, string path, byte[] body) => SignedHeaders.For(Credential, method, path, body);

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[] body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private string Head(string method, string path, long contentLength, Dictionary<string, string> headers) =>
        RawHttp.Head(Server.Address, method, path, contentLength, headers.Select(pair => (pair.Key, pair.Value)));

    private Task<TcpClient> Connect() => RawHttp.Connect(Server.Address);

    private static Task<(int Status, string Body)> ReadResponse(NetworkStream stream, CancellationToken cancel) => RawHttp.ReadResponse(stream, cancel);
}
