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
public sealed class ServerAttackTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly StringWriter _log = new();
    private HsmModule _module = null!;
    private HsmServer _server = null!;
    private HsmCredential _credential = null!;

    public async Task InitializeAsync()
    {
        _module = HsmModule.Create(_folder.Combine("store"));
        _credential = _module.Enroll("tests");
        _server = await HsmServer.StartAsync(_module, "127.0.0.1:0", requestLog: TextWriter.Synchronized(_log));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

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
    public async Task A_declared_length_from_a_client_id_without_its_secret_costs_the_server_no_memory()
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
    public async Task A_stranger_cannot_write_lines_of_his_choosing_into_the_request_log()
    {
        const string forged = "POST /v1/user/bitstreams by production (0b1e0a3c-0000-4000-8000-000000000000): ok";
        var target = "/v1/info%0D%0A" + Uri.EscapeDataString(forged).Replace("%2F", "/", StringComparison.Ordinal);
        using var connection = await Connect();
        var answer = ReadResponse(connection.GetStream(), CancellationToken.None);
        await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {_server.Address.Authority}\r\nContent-Length: 0\r\n\r\n"));
        await answer;
        var lines = _log.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(forged, lines);
    }

    /// <summary>
    /// Attack: an enrolled client writes lines into the request log through any text the server repeats in a refusal,
    /// here the master key UUID of a keyset (it is not checked to be a UUID before it is quoted).
    /// </summary>
    [Fact]
    public void An_enrolled_client_cannot_write_lines_of_his_choosing_into_the_request_log()
    {
        const string forged = "POST /v1/user/bitstreams by production (0b1e0a3c-0000-4000-8000-000000000000): ok";
        using var client = new RemoteUserHsm(_server.Address, _credential);
        var keyset = client.CreateKeyset(new(new Dictionary<string, byte[]>(), null));
        Assert.Throws<HsmException>(() => client.VerifyKeyset(keyset with { MasterKeyUuid = "x\n" + forged + "\n" }));
        var lines = _log.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
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
        using var client = new RemoteUserHsm(_server.Address, _credential);
        var (audit, nonces) = (_module.Store.Count("audit"), _module.Store.Count("nonces"));
        client.GetInfo();
        Assert.Equal(nonces + 1, _module.Store.Count("nonces"));
        Assert.Equal(audit + 1, _module.Store.Count("audit"));
    }

    /// <summary>
    /// Refused (coverage): a captured signed request cannot be turned into another operation or replayed with a
    /// changed query string; the signature covers the method and the route, the nonce is spent once.
    /// </summary>
    [Fact]
    public async Task A_captured_request_cannot_be_moved_to_another_route_method_or_query()
    {
        using var http = new HttpClient { BaseAddress = _server.Address };
        var body = Encoding.UTF8.GetBytes("{\"imports\":{},\"source\":null}");
        var headers = Signed("POST", HsmOperation.CreateKeyset.Path, body);
        var before = (_module.Store.Count("audit"), _module.Store.Count("nonces"));

        var otherRoute = await http.SendAsync(Request(HttpMethod.Post, HsmOperation.VerifyKeyset.Path, body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, otherRoute.StatusCode);
        var otherMethod = await http.SendAsync(Request(HttpMethod.Put, HsmOperation.CreateKeyset.Path, body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, otherMethod.StatusCode); // the head signature covers the method

        Assert.Equal(before, (_module.Store.Count("audit"), _module.Store.Count("nonces")));

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
        var other = _module.Enroll("other");
        using var client = new RemoteUserHsm(_server.Address, other with { Secret = _credential.Secret });
        var before = _module.Store.Count("audit");
        Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => client.CreateKeyset(new(new Dictionary<string, byte[]>(), null))).Code);
        Assert.Equal(before, _module.Store.Count("audit"));
    }

    // The headers of a request that names a real client, is on time, and carries signatures nobody made.
    private Dictionary<string, string> ForgedHeaders() => new()
    {
        [RequestSignature.ClientHeader] = _credential.ClientId,
        [RequestSignature.TimestampHeader] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        [RequestSignature.NonceHeader] = RequestSignature.NewNonce(),
        [RequestSignature.HeadSignatureHeader] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [RequestSignature.SignatureHeader] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private IReadOnlyList<(string Name, string Value)> Signed(string method, string path, byte[] body) => SignedHeaders.For(_credential, method, path, body);

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[] body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private string Head(string method, string path, long contentLength, Dictionary<string, string> headers)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {_server.Address.Authority}\r\nContent-Length: {contentLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    private async Task<TcpClient> Connect()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_server.Address.Host, _server.Address.Port);
        return client;
    }

    // Reads one response: its head, then as many body bytes as its Content-Length says.
    private static async Task<(int Status, string Body)> ReadResponse(NetworkStream stream, CancellationToken cancel)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = System.Text.RegularExpressions.Regex.Match(text, "Content-Length: (\\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                if (!length.Success || received.Count >= end + 4 + int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture))
                {
                    return (int.Parse(text.Split(' ')[1], CultureInfo.InvariantCulture), text[(end + 4)..]);
                }
            }

            var read = await stream.ReadAsync(buffer, cancel);
            if (read == 0)
            {
                throw new IOException("The server closed the connection before its answer was complete: " + text);
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }
}
