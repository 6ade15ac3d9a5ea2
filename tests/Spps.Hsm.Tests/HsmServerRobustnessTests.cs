using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// What the server does with requests it must not trust: bodies it has not authenticated are never read, every body
/// is bounded by its operation, a body with missing parts is a clear refusal (logged and audited), and listen
/// addresses are understood as the socket will use them.
/// </summary>
[Collection(nameof(HsmServerRobustnessTests))] // alone: one test measures the process's allocations
public sealed class HsmServerRobustnessTests : ServedModuleTest
{

    [Fact]
    public async Task An_unsigned_request_is_answered_before_its_body_is_sent()
    {
        // Only the head of a 60 MiB request goes out: a server that waited for the body would never answer.
        var (status, body) = await HeadOnly(Head("POST", HsmOperation.SealBitstream.Path, 60L << 20, signed: false));
        Assert.Equal(401, status);
        Assert.Contains("UNAUTHENTICATED", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_body_over_the_operation_s_limit_is_refused_before_it_is_read()
    {
        var (status, body) = await HeadOnly(Head("POST", HsmOperation.CreateKeyset.Path, 2L << 20, signed: true));
        Assert.Equal(413, status);
        Assert.Contains("accepts at most 1048576", body, StringComparison.Ordinal);
        var (info, _) = await HeadOnly(Head("GET", HsmOperation.Info.Path, 10, signed: true));
        Assert.Equal(413, info);
    }

    [Fact]
    public async Task A_body_of_undeclared_length_is_refused_unread()
    {
        // A chunked body declares no length: 64 KiB chunks go out until the server answers, which it does at once.
        var head = Head("POST", HsmOperation.CreateKeyset.Path, null, signed: true);
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('x', 0x10000)}\r\n");
        var (status, body) = await Exchange(head, chunk, 1000);
        Assert.Equal(411, status);
        Assert.Contains("LENGTHREQUIRED", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_large_bodies_do_not_grow_theServer_s_memory()
    {
        var chunk = new byte[1 << 20];
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 4; i++)
        {
            var (status, _) = await Exchange(Head("POST", HsmOperation.SealBitstream.Path, 60L << 20, signed: false), chunk, 60);
            Assert.Equal(401, status);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 32L << 20, $"{allocated / (1 << 20)} MiB were allocated for four refused 60 MiB bodies");
    }

    [Theory]
    [InlineData("create_keyset", """{"imports":null,"source":null}""")]
    [InlineData("create_keyset", """{"imports":{"UEK1":null},"source":null}""")]
    [InlineData("create_keyset", """{"source":null}""")]
    [InlineData("verify_keyset", """{"masterKeyUuid":null,"keysetId":null,"wrappedTicketKey":null,"wrappedKeys":null,"generatedKeys":null}""")]
    [InlineData("verify_keyset", """{"masterKeyUuid":"a","keysetId":"b","wrappedTicketKey":"AAAA","wrappedKeys":{"UEK1":null},"generatedKeys":[]}""")]
    [InlineData("seal_bitstream", """{"header":null,"components":null,"keyset":null}""")]
    [InlineData("seal_bitstream", """{"header":{"familyCode":5,"typeCode":3,"idCode":260059599,"checksum":1,"designName":"d","designVersion":1,"backLevel":0},"components":[null],"keyset":null}""")]
    [InlineData("seal_bitstream", """{"header":{"familyCode":5,"typeCode":3,"idCode":260059599,"checksum":1,"designName":"d","designVersion":1,"backLevel":0},"components":[],"keyset":{"masterKeyUuid":"a","keysetId":"b","wrappedTicketKey":"AAAA","wrappedKeys":{},"generatedKeys":[null]}}""")]
    [InlineData("seal_bitstream", """{"header":{"familyCode":5,"typeCode":3,"idCode":260059599,"checksum":1,"designName":"d","designVersion":1,"backLevel":0},"components":[],"keyset":{},"unknownMember":1}""")]
    public async Task A_signed_body_with_missing_parts_is_a_clear_refusalLogged_and_audited(string operation, string json)
    {
        var path = HsmOperation.All.Single(candidate => candidate.Name == operation).Path;
        var body = Encoding.UTF8.GetBytes(json);
        using var http = new HttpClient { BaseAddress = Server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in SignedHeaders.For(Credential, "POST", path, body))
        {
            request.Headers.Add(name, value);
        }

        var auditBefore = Module.Store.Count("audit");
        var response = await http.SendAsync(request);
        var reply = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("\"code\":\"(MALFORMED|BADREQUEST)\"", reply);
        Assert.Equal(auditBefore + 1, Module.Store.Count("audit"));
        Assert.StartsWith("refused: ", Module.Store.ReadAudit()[^1].Result, StringComparison.Ordinal);
        Assert.Matches($@"Z POST {System.Text.RegularExpressions.Regex.Escape(path)} 400 \d+ ms by tests \(", Log.ToString());
    }

    [Fact]
    public async Task An_ipv4_address_written_as_ipv6_is_served_on_that_ipv4_address()
    {
        await using var mapped = await HsmServer.StartAsync(Module, "[::ffff:127.0.0.1]:0");
        Assert.Equal("127.0.0.1", mapped.Address.Host);
        using var client = new RemoteUserHsm(mapped.Address, Credential);
        Assert.Equal(Module.Identity.UHsmUuid, client.GetInfo().UHsmUuid);
    }

    [Fact]
    public async Task A_port_already_in_use_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<HsmException>(() => HsmServer.StartAsync(Module, $"127.0.0.1:{Server.Address.Port}"));
        Assert.Equal("LISTEN", error.Code);
        Assert.StartsWith($"--listen 127.0.0.1:{Server.Address.Port}: the server cannot listen there: ", error.Message, StringComparison.Ordinal);
    }

    private string Head(string method, string path, long? contentLength, bool signed) =>
        RawHttp.Head(Server.Address, method, path, contentLength,
            signed ? SignedHeaders.For(Credential, method, path, [], declaredLength: contentLength ?? 0) : []); // the head is checked first

    private Task<(int Status, string Body)> HeadOnly(string head) => RawHttp.Exchange(Server.Address, head, [], 0);

    private Task<(int Status, string Body)> Exchange(string head, byte[] chunk, int count) => RawHttp.Exchange(Server.Address, head, chunk, count);
}

[CollectionDefinition(nameof(HsmServerRobustnessTests), DisableParallelization = true)]
public sealed class HsmServerRobustnessCollection;
