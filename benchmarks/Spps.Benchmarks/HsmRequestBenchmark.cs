using System.Diagnostics;
using Spps.Hsm;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Benchmarks;

/// <summary>
/// A small keyed operation (a random keyset: the master key wraps a ticket key that wraps thirteen keys, plus an audit
/// entry) served over loopback with 1, 8 and 32 concurrent clients, beside the same operation on the embedded
/// module (the ceiling: no HTTP, no signing, no nonce record).
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
            RemoteUserHsm NewClient() => new(server.Address, credential);

            // A server's figures are those of its steady state: the code on the path is compiled and optimised first.
            Measure(duration, 32, () =>
            {
                var client = NewClient();
                return () => client.CreateKeyset(request);
            });
            foreach (var clients in new[] { 1, 8, 32 })
            {
                var served = Measure(duration, clients, () =>
                {
                    var client = NewClient();
                    return () => client.CreateKeyset(request);
                });
                var embedded = Measure(duration, clients, () =>
                {
                    var role = module.UserRole("benchmark");
                    return () => role.CreateKeyset(request);
                });
                Console.WriteLine($"HSM create_keyset, {clients,2} client(s): served {served.PerSecond,8:N0} /s (p50 {served.P50,6:N2} ms, p99 {served.P99,6:N2} ms); " +
                                  $"embedded ceiling {embedded.PerSecond,8:N0} /s (p50 {embedded.P50,6:N2} ms, p99 {embedded.P99,6:N2} ms); ratio {served.PerSecond / embedded.PerSecond:P0}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
