using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Spps.Testing;

namespace Spps.Benchmarks;

/// <summary>
/// Overbuild under kill -9: <see cref="KillRun"/> against the real <c>spps-hsm serve</c> (beside the benchmarks),
/// killed at random moments as many times as asked, with eight stations; prints the figures (benchmarks/hsm_kill.sh).
/// </summary>
internal static partial class HsmKillBenchmark
{
    public static void Run(int kills, long maxDevices)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var rig = new ProductionRig(folder, maxDevices);
            var figures = KillRun.Run(rig, Serve, kills, stations: 8, seed: Environment.TickCount);
            Console.WriteLine(figures);
            var held = figures.Delivered <= maxDevices && figures.Used >= figures.Delivered && figures.Used <= maxDevices && figures.Integrity == "ok";
            Console.WriteLine(held ? "Overbuild protection held." : "OVERBUILD PROTECTION FAILED.");
            Environment.ExitCode = held ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (Process Server, Uri Address) Serve(string store)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "spps-hsm.dll"), "serve", "--store", store, "--listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start)!;
        var line = server.StandardOutput.ReadLine();
        if (line is null || Listening().Match(line) is not { Success: true } match)
        {
            server.Kill();
            throw new InvalidOperationException($"spps-hsm serve did not start (it said: {line ?? "nothing"}).");
        }

        _ = Task.Run(() => server.StandardOutput.ReadToEnd()); // its request log: drained so it never blocks
        return (server, new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@" on (http://127\.0\.0\.1:\d+/) ")]
    private static partial Regex Listening();
}
