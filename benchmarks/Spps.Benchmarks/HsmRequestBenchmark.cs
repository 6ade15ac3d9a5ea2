using System.Diagnostics;
using System.Runtime;
using Spps.Hsm;
using Spps.Hsm.Access;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Benchmarks;

/// <summary>
/// A small keyed operation (a random keyset: the master key wraps a ticket key that wraps thirteen keys, plus an audit
/// entry) served over loopback with 1, 8 and 32 concurrent clients, beside the same operation on the embedded
/// module (the ceiling: no HTTP, no signing, no nonce record), and the served request's own steps called without
/// HTTP (<see cref="RequestWithoutHttp"/>), which says how much of the served cost is the HTTP round trip.
/// </summary>
internal static class HsmRequestBenchmark
{
    public static async Task Run(TimeSpan duration)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var module = HsmModule.Create(folder);
            var credential = module.Enroll("benchmark");
            await using var server = await HsmServer.StartAsync(module, "127.0.0.1:0");
            var request = new CreateKeysetRequest(new Dictionary<string, byte[]>(), null);
            // Every measurement's threads take the same clients, each its own, so the warm-up's rounds open no new connections.
            var remotes = Enumerable.Range(0, MostClients).Select(_ => new RemoteUserHsm(server.Address, credential)).ToList();
            var taken = 0;
            Func<Action> servedClient = () =>
            {
                var client = remotes[Interlocked.Increment(ref taken) % MostClients];
                return () => client.CreateKeyset(request);
            };
            Func<Action> embeddedClient = () =>
            {
                var role = module.UserRole("benchmark");
                return () => role.CreateKeyset(request);
            };
            var withoutHttp = new RequestWithoutHttp(new HsmEndpoint(module, TimeProvider.System), credential);
            Func<Action> withoutHttpClient = () => () => withoutHttp.CreateKeyset(request);
            var warmUp = WarmUp(() =>
            {
                Measure(_warmUpRound, MostClients, servedClient);
                Measure(_warmUpRound, MostClients, embeddedClient);
                Measure(_warmUpRound, MostClients, withoutHttpClient);
            });
            Console.WriteLine($"HSM create_keyset: warmed up for {warmUp.TotalSeconds:N0} s, until a round compiled no method");
            foreach (var clients in new[] { 1, 8, MostClients })
            {
                var served = Measure(duration, clients, servedClient);
                var embedded = Measure(duration, clients, embeddedClient);
                var unserved = Measure(duration, clients, withoutHttpClient);
                Console.WriteLine($"HSM create_keyset, {clients,2} client(s): served {served.PerSecond,8:N0} /s (p50 {served.P50,6:N2} ms, p99 {served.P99,6:N2} ms); " +
                                  $"embedded ceiling {embedded.PerSecond,8:N0} /s (p50 {embedded.P50,6:N2} ms, p99 {embedded.P99,6:N2} ms); ratio {served.PerSecond / embedded.PerSecond:P0}; " +
                                  $"the served steps without HTTP {unserved.PerSecond,8:N0} /s (p99 {unserved.P99,6:N2} ms), {unserved.PerSecond / embedded.PerSecond:P0}");
            }

            remotes.ForEach(remote => remote.Dispose());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const int MostClients = 32;
    private static readonly TimeSpan _warmUpRound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _warmUpLimit = TimeSpan.FromSeconds(60);

    // The figures are those of a server's steady state. The runtime compiles a method first quickly, then, once it is
    // called often, again optimised, in the background: on a busy 2-core machine a fixed two-second warm-up left much
    // of the path unoptimised. So rounds of both the served and the embedded operation run until one compiles no
    // method at all (at most a minute). Returns how long that took.
    private static TimeSpan WarmUp(Action round)
    {
        var clock = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            round();
        }
        while (JitInfo.GetCompiledMethodCount() > compiled && clock.Elapsed < _warmUpLimit);

        return clock.Elapsed;
    }

    internal static (double PerSecond, double P50, double P99) Measure(TimeSpan duration, int clients, Func<Action> newClient)
    {
        var latencies = new List<double>[clients];
        var threads = Enumerable.Range(0, clients).Select(index => new Thread(() =>
        {
            var operation = newClient();
            operation(); // warm-up
            var mine = latencies[index] = [];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                operation();
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        })).ToList();
        var wall = Stopwatch.StartNew();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        var all = latencies.SelectMany(list => list).Order().ToList();
        return (all.Count / wall.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    internal static double Percentile(List<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
}
