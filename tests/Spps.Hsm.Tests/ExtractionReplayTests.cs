using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// The extraction routes an independent probe found in the served bitstream operation, replayed byte for byte as an
/// enrolled client sent them: the client named the key mode (the published KLK, or a UEK it imported itself) and
/// asked for another keyset's keys, or per-device keys derived from its base keys, as key records. Each must be
/// refused and audited as refused, and nothing the reply holds may open under a key the client knows.
/// </summary>
public sealed class ExtractionReplayTests : IAsyncLifetime, IDisposable
{
    private const string Path = "/v1/user/bitstreams";
    private static readonly string[] _tokenKeys = ["UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"];
    private static readonly byte[] _dsn = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    private readonly TemporaryFolder _folder = new();
    private readonly Dictionary<string, byte[]> _victimKeys = KeyNames.Keyset.ToDictionary(key => key, _ => RandomNumberGenerator.GetBytes(32));
    private readonly byte[] _attackerUek1 = RandomNumberGenerator.GetBytes(32);
    private HsmModule _module = null!;
    private HsmServer _server = null!;
    private HsmCredential _attacker = null!;
    private WrappedKeyset _victim = null!;
    private WrappedKeyset _own = null!;

    public async Task InitializeAsync()
    {
        _module = HsmModule.Create(_folder.Combine("store"));
        _attacker = _module.Enroll("attacker");
        _server = await HsmServer.StartAsync(_module, "127.0.0.1:0");
        // The victim's keyset; its values are known to this test only, to recognise them if they come out.
        _victim = _module.UserRole("victim").CreateKeyset(new CreateKeysetRequest(_victimKeys, null));
        // The attacker's own keyset, with a UEK1 it chose.
        _own = _module.UserRole("attacker").CreateKeyset(new CreateKeysetRequest(new Dictionary<string, byte[]> { ["UEK1"] = _attackerUek1 }, null));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keys_sealed_under_the_published_klk_are_refused()
    {
        var body = PlanRequest(typeCode: 2, mode: KeyMode.Klk, modeKeys: new JsonObject(), perDevice: false);
        await AssertRefused(body, Klk.For(5));
    }

    [Fact]
    public async Task Keys_sealed_under_a_uek_the_client_imported_into_its_own_keyset_are_refused()
    {
        var modeKeys = new JsonObject { ["Uek1"] = new JsonObject { ["keyset"] = "mine", ["key"] = "UEK1", ["perDevice"] = false } };
        var body = PlanRequest(typeCode: 3, mode: KeyMode.Uek1, modeKeys, perDevice: false);
        await AssertRefused(body, _attackerUek1);
    }

    [Fact]
    public async Task Per_device_keys_derived_from_another_keyset_s_base_keys_are_refused()
    {
        var body = PlanRequest(typeCode: 3, mode: KeyMode.Klk, modeKeys: new JsonObject(), perDevice: true);
        await AssertRefused(body, Klk.For(5));
    }

    // The request as the probe sent it: a security component with key records naming the victim's keyset.
    private byte[] PlanRequest(byte typeCode, KeyMode mode, JsonObject modeKeys, bool perDevice)
    {
        var inserts = new JsonArray([.. _tokenKeys.Select((key, index) => (JsonNode)new JsonObject
        {
            ["id"] = index + 1,
            ["source"] = new JsonObject { ["keyset"] = "victim", ["key"] = key, ["perDevice"] = perDevice },
        })]);
        var request = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["familyCode"] = 5, ["typeCode"] = typeCode, ["idCode"] = 0x0F8031CF, ["idMask"] = 0x0FFFFFFF, ["siliconSignature"] = 0,
                ["checksum"] = 1, ["designName"] = "probe", ["designVersion"] = 1, ["backLevel"] = 0,
                ["dsn"] = perDevice ? Convert.ToBase64String(_dsn) : null,
            },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = ComponentType.Keys, ["mode"] = (int)mode, ["payload"] = Convert.ToBase64String(new byte[4]), ["inserts"] = inserts,
            }),
            ["keysets"] = new JsonObject { ["victim"] = JsonSerializer.SerializeToNode(_victim, HsmJson.Options), ["mine"] = JsonSerializer.SerializeToNode(_own, HsmJson.Options) },
            ["modeKeys"] = modeKeys,
        };
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    private async Task AssertRefused(byte[] body, byte[] knownKey)
    {
        using var http = new HttpClient { BaseAddress = _server.Address };
        using var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in SignedHeaders.For(_attacker, "POST", Path, body))
        {
            message.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(message);
        var reply = await response.Content.ReadAsByteArrayAsync();
        if (response.IsSuccessStatusCode)
        {
            Assert.Fail("The HSM sealed the requested plan: " + Extracted(Convert.FromBase64String(JsonNode.Parse(reply)!["bytes"]!.GetValue<string>()), knownKey));
        }

        var audit = _module.Store.ReadAudit().Last();
        Assert.Equal(("seal_bitstream", true), (audit.Operation, audit.Result.StartsWith("refused: ", StringComparison.Ordinal)));
        Assert.StartsWith("attacker (", audit.Client, StringComparison.Ordinal);
    }

    // What a client holding knownKey reads out of the bitstream: which of the victim's keys (or their per-device values).
    private string Extracted(byte[] bitstream, byte[] knownKey)
    {
        var secrets = _victimKeys.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var key in _tokenKeys)
        {
            var derived = new byte[32];
            DeviceKeyDerivation.Derive(_victimKeys[key + "_BASE"], key, _dsn, derived);
            secrets["per-device " + key] = derived;
        }

        var found = new List<string>();
        foreach (var (_, _, offset, _) in BitstreamFormat.Read(bitstream).Components)
        {
            try
            {
                var payload = BitstreamFormat.Open(bitstream, offset, knownKey);
                found.AddRange(secrets.Where(secret => payload.AsSpan().IndexOf(secret.Value) >= 0).Select(secret => secret.Key));
            }
            catch (AuthenticationTagMismatchException)
            {
                // Not under the key the client knows.
            }
        }

        return found.Count == 0 ? "nothing readable" : "the client read " + string.Join(", ", found);
    }
}
