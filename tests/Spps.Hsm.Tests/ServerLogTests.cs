using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// The server's request log: one line per request, starting with its UTC time in ISO 8601, then the method, path,
/// HTTP status, duration, client and outcome; never a key or a request's body.
/// </summary>
public sealed partial class ServerLogTests : ServedModuleTest
{
    [Fact]
    public async Task Each_request_is_one_line_with_its_utc_time_status_and_duration_and_no_key_of_its_body()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using (var client = new RemoteUserHsm(Server.Address, Credential))
        {
            client.CreateKeyset(new(new Dictionary<string, byte[]> { ["UEK1"] = key }, null));
        }

        using var http = new HttpClient { BaseAddress = Server.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(HsmOperation.Info.Path)).StatusCode);

        var lines = Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Matches(Stamped(), line));
        Assert.Matches($@"Z POST {Regex.Escape(HsmOperation.CreateKeyset.Path)} 200 \d+ ms by tests \([0-9a-f-]+\): ok$", lines[0]);
        Assert.Matches($@"Z GET {Regex.Escape(HsmOperation.Info.Path)} 401 \d+ ms by an unauthenticated client: refused, UNAUTHENTICATED: ", lines[1]);
        SecretScan.AssertAbsentFromText(key, Log.ToString(), "the request log");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [A-Z]+ /")]
    private static partial Regex Stamped();
}
