using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

public sealed class HsmServerTests : ServedModuleTest
{
    [Fact]
    public void An_enrolled_client_gets_info_and_keysets()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        Assert.Equal(Module.Identity.UHsmUuid, client.GetInfo().UHsmUuid);
        var keyset = client.CreateKeyset(new(new Dictionary<string, byte[]> { ["UEK1"] = RandomNumberGenerator.GetBytes(32) }, null));
        Assert.Equal(Module.Identity.UMasterHsmUuid, keyset.MasterKeyUuid);
        Assert.Contains(Module.Store.ReadAudit(), entry => entry.Operation == "create_keyset" && entry.Client.StartsWith("tests (", StringComparison.Ordinal));
    }

    [Fact]
    public void A_copy_made_through_theServer_keeps_the_source_keys()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        var source = client.CreateKeyset(EmptyKeysetRequest());
        var copy = client.CreateKeyset(new(new Dictionary<string, byte[]>(), source));
        Assert.Equal(source.MasterKeyUuid, copy.MasterKeyUuid);
        Assert.Equal(copy.KeysetId, client.VerifyKeyset(copy).KeysetId);
    }

    [Fact]
    public void A_bitstream_sealed_through_theServer_is_the_one_theModule_seals_and_opens_under_the_keyset_s_key()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        var uek2 = RandomNumberGenerator.GetBytes(32);
        var keyset = client.CreateKeyset(new(new Dictionary<string, byte[]> { ["UEK2"] = uek2 }, null));
        var fabric = RandomNumberGenerator.GetBytes(100_000);
        var request = new SealBitstreamRequest
        {
            Header = new Formats.Bitstreams.BitstreamHeader { FamilyCode = 5, TypeCode = 4, IdCode = 0x0F8031CF, Checksum = 1, DesignName = "top", DesignVersion = 2, BackLevel = 0 },
            Components = [new PlainComponent(Formats.Bitstreams.ComponentType.Fabric, fabric)],
            Keyset = keyset,
        };
        var served = client.SealBitstream(request);
        Assert.Equal(served.Bytes, Module.UserRole("direct").SealBitstream(request).Bytes);
        var component = Formats.Bitstreams.BitstreamFormat.Read(served.Bytes).Components.Single(c => c.Type == Formats.Bitstreams.ComponentType.Fabric);
        Assert.Equal(fabric, Formats.Bitstreams.BitstreamFormat.Open(served.Bytes, component.Offset, uek2));
        Assert.Contains(Module.Store.ReadAudit(), entry => entry.Operation == "seal_bitstream" && entry.Result == $"ok: UEK2, 1 design component(s), keyset {keyset.KeysetId}");
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_and_writes_nothing()
    {
        var before = AuditAndNonceCounts();
        using var http = new HttpClient { BaseAddress = Server.Address };
        var response = await http.GetAsync(new Uri("/v1/info", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"UNAUTHENTICATED\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, AuditAndNonceCounts());
    }

    [Fact]
    public void A_wrong_secret_or_an_unknown_client_is_refused()
    {
        using var wrongSecret = new RemoteUserHsm(Server.Address, Credential with { Secret = RandomNumberGenerator.GetBytes(32) });
        Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => wrongSecret.GetInfo()).Code);
        using var stranger = new RemoteUserHsm(Server.Address, Credential with { ClientId = Guid.NewGuid().ToString() });
        var error = Assert.Throws<HsmException>(() => stranger.GetInfo());
        Assert.Contains("is not enrolled with this HSM", error.Message);
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        using var http = new HttpClient { BaseAddress = Server.Address };
        var body = Encoding.UTF8.GetBytes("{\"imports\":{},\"source\":null}");
        var headers = Signed("POST", "/v1/user/keysets", body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var first = await http.SendAsync(Request(HttpMethod.Post, "/v1/user/keysets", body, headers));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = AuditAndNonceCounts();
        var replay = await http.SendAsync(Request(HttpMethod.Post, "/v1/user/keysets", body, headers));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("REPLAYED", await replay.Content.ReadAsStringAsync());
        Assert.Equal(before.Audit, AuditAndNonceCounts().Audit);
    }

    [Fact]
    public async Task An_old_request_is_refused()
    {
        using var http = new HttpClient { BaseAddress = Server.Address };
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var response = await http.SendAsync(Request(HttpMethod.Get, "/v1/info", [], Signed("GET", "/v1/info", [], stale)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("check the clocks", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_but_malformed_body_is_refused_and_audited_as_refused()
    {
        using var http = new HttpClient { BaseAddress = Server.Address };
        var body = Encoding.UTF8.GetBytes("{\"imports\": [1, 2");
        var before = AuditAndNonceCounts();
        var response = await http.SendAsync(Request(HttpMethod.Post, "/v1/user/keysets", body, Signed("POST", "/v1/user/keysets", body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MALFORMED", await response.Content.ReadAsStringAsync());
        Assert.Equal(before.Audit + 1, AuditAndNonceCounts().Audit);
        Assert.Equal(("create_keyset", "refused: MALFORMED"), (Module.Store.ReadAudit()[^1].Operation, Module.Store.ReadAudit()[^1].Result));
    }

    [Fact]
    public void Concurrent_clients_are_all_served()
    {
        // One thread per client, as separate client processes would be: blocking pool threads would starve the in-process server.
        var keysets = new string[24];
        var clients = Enumerable.Range(0, keysets.Length).Select(i => new Thread(() =>
        {
            using var client = new RemoteUserHsm(Server.Address, Credential);
            keysets[i] = client.CreateKeyset(EmptyKeysetRequest()).KeysetId;
        })).ToList();
        clients.ForEach(thread => thread.Start());
        clients.ForEach(thread => thread.Join());
        Assert.Equal(keysets.Length, keysets.Distinct().Count());
    }

    [Fact]
    public void An_unreachableServer_gives_the_libero_message()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new RemoteUserHsm(new Uri($"http://127.0.0.1:{port}/"), Credential);
        var error = Assert.Throws<HsmException>(() => client.GetInfo());
        Assert.Equal("UNREACHABLE", error.Code);
        Assert.StartsWith("Could not get server information. Check server address and connection and try again.", error.Message);
    }

    [Fact]
    public void A_connection_the_server_s_death_leaves_unconnected_gives_the_same_clear_error()
    {
        // SocketsHttpHandler lets this SocketException through bare when the server dies while the connection is set up
        // (seen when a served module is killed under its clients).
        using var client = new RemoteUserHsm(new Uri("http://127.0.0.1:7400/"), Credential, new ThrowingHandler(new SocketException((int)SocketError.NotConnected)));
        var error = Assert.Throws<HsmException>(() => client.GetInfo());
        Assert.Equal("UNREACHABLE", error.Code);
        Assert.StartsWith("Could not get server information. Check server address and connection and try again.", error.Message);
    }

    private sealed class ThrowingHandler(Exception error) : HttpMessageHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => throw error;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw error;
    }

    [Fact]
    public async Task AServer_that_dies_mid_request_gives_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dying = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer);
            socket.Close(); // gone before it answers
        });
        using var client = new RemoteUserHsm(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"), Credential);
        var error = Assert.Throws<HsmException>(() => client.CreateKeyset(EmptyKeysetRequest()));
        Assert.Equal("UNREACHABLE", error.Code);
        await dying;
    }

    [Fact]
    public async Task A_non_loopback_address_needs_a_certificate()
    {
        var error = await Assert.ThrowsAsync<HsmException>(() => HsmServer.StartAsync(Module, "0.0.0.0:0"));
        Assert.Contains("only over TLS", error.Message);
    }

    [Fact]
    public async Task With_a_certificate_theServer_speaks_tls()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=spps-hsm test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllBytes(Folder.Combine("server.pfx"), certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw"));
        await using var tls = await HsmServer.StartAsync(Module, "127.0.0.1:0", Folder.Combine("server.pfx"), "pw");
        Assert.Equal("https", tls.Address.Scheme);
        var pinned = new SocketsHttpHandler();
        pinned.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        using var client = new RemoteUserHsm(tls.Address, Credential, pinned);
        Assert.Equal(Module.Identity.UHsmUuid, client.GetInfo().UHsmUuid);
    }

    [Theory]
    [InlineData("localhost:7400")]
    [InlineData("127.0.0.1")]
    [InlineData("nonsense")]
    public void A_listen_value_must_be_an_address_and_port(string listen)
    {
        var error = Assert.Throws<HsmException>(() => HsmServer.ParseEndpoint(listen));
        Assert.Contains("is not an address and port", error.Message);
    }

    private IReadOnlyList<(string Name, string Value)> Signed(string method, string path, byte[] body, long seconds) =>
        SignedHeaders.For(Credential, method, path, body, unixSeconds: seconds);

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[] body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
        }

        return request;
    }
}
