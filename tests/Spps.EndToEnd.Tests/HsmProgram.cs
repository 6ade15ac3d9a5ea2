using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Spps.EndToEnd.Tests;

/// <summary>Runs the built <c>spps-hsm</c> program: one-shot commands, or a server kept running for a test.</summary>
public static partial class HsmProgram
{
    public static ProcessResult Run(params string[] args) => DotnetProgram.Run(StartInfo(args));

    /// <summary>Starts <c>serve</c> on a free loopback port and returns it once it listens.</summary>
    public static (Process Server, string Address) Serve(string store, string listen = "127.0.0.1:0")
    {
        var (server, address, _) = ServeLogged(store, listen);
        return (server, address);
    }

    /// <summary>As <see cref="Serve"/>, with everything the server prints (its log), complete once it ends.</summary>
    public static (Process Server, string Address, Task<string> Log) ServeLogged(string store, string listen = "127.0.0.1:0")
    {
        var server = Process.Start(StartInfo(["serve", "--store", store, "--listen", listen]))!;
        var reading = Task.Run(() => server.StandardOutput.ReadLine());
        if (!reading.Wait(TimeSpan.FromSeconds(30)) || reading.Result is not { } line || Listening().Match(line) is not { Success: true } match)
        {
            server.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"spps-hsm serve did not start: {server.StandardError.ReadToEnd()}");
        }

        // Keep draining its request log so the server never blocks on a full pipe.
        var log = Task.Run(() => line + "\n" + server.StandardOutput.ReadToEnd());
        return (server, match.Groups[1].Value, log);
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args) => DotnetProgram.StartInfo("spps-hsm.dll", args);

    [GeneratedRegex(@" on http://(127\.0\.0\.1:\d+)/ ")]
    private static partial Regex Listening();
}
