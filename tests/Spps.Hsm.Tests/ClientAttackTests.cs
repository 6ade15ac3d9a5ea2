using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// An adversarial review of the client side (<see cref="RemoteUserHsm"/>): requests are signed, replies are not.
/// </summary>
public sealed class ClientAttackTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Attack (a local account, no credential): plain HTTP is served on loopback, and the client takes any reply as
    /// the module's. Whoever listens on the server's address first (the module's own server is down, restarting, or
    /// not started yet) answers <c>/v1/info</c> with the module's UUIDs — they are public: they are in the settings
    /// and in every keyset file — and the Job Manager then sends it what it sends the HSM: the plaintext keys of
    /// <c>create_keyset -uek1 …</c> and the plain design of every sealed bitstream, and takes back keysets and
    /// bitstreams of the impostor's making. The module has identity keys "for the request/reply binding"; nothing
    /// binds a reply yet.
    /// </summary>
    [Fact]
    public async Task A_reply_that_the_module_did_not_make_is_refused_by_the_client()
    {
        var module = HsmModule.Create(_folder.Combine("store"));
        var credential = module.Enroll("job manager");
        using var impostor = new TcpListener(IPAddress.Loopback, 0);
        impostor.Start();
        var answering = Task.Run(async () =>
        {
            using var connection = await impostor.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            // The module's public identity, as the settings and every keyset file give it.
            var body = JsonSerializer.SerializeToUtf8Bytes(module.Info(), HsmJson.Options);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await stream.WriteAsync(body);
        });

        using var client = new RemoteUserHsm(new Uri($"http://127.0.0.1:{((IPEndPoint)impostor.LocalEndpoint).Port}/"), credential);
        var error = Record.Exception(() => client.GetInfo());
        await answering;
        Assert.True(error is HsmException, "The client took the impostor's reply for the module's: it would now send it imported keys and designs.");
    }
}
