using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Spps.Hsm.Tests;

/// <summary>
/// HTTP/1.1 by hand, for tests that must send what no HTTP client sends: a request's head without its body, a body
/// of undeclared length, a body the server answers before it is sent.
/// </summary>
internal static partial class RawHttp
{
    /// <summary>A request's head: with a declared length, or chunked when none is given.</summary>
    public static string Head(Uri server, string method, string path, long? contentLength, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\n");
        head.Append(contentLength is { } length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    public static async Task<TcpClient> Connect(Uri server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        return client;
    }

    /// <summary>
    /// Sends a request's head, then the chunk up to <paramref name="count"/> times while the answer is read: the server
    /// may answer (and close) before the body is sent, so a write that fails after its answer is expected.
    /// </summary>
    public static async Task<(int Status, string Body)> Exchange(Uri server, string head, byte[] chunk, int count)
    {
        using var client = await Connect(server);
        var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = ReadResponse(stream, timeout.Token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        try
        {
            for (var i = 0; i < count && !answer.IsCompleted; i++)
            {
                await stream.WriteAsync(chunk, timeout.Token);
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection: the rest of the body is not wanted.
        }

        return await answer;
    }

    /// <summary>Reads one response: its head, then as many body bytes as its Content-Length says.</summary>
    public static async Task<(int Status, string Body)> ReadResponse(NetworkStream stream, CancellationToken cancel)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = ContentLength().Match(text);
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

    [GeneratedRegex(@"Content-Length: (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContentLength();
}
