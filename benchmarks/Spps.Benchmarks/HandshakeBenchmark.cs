using System.Diagnostics;
using System.Security.Cryptography;
using Spps.Hsm;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Benchmarks;

/// <summary>
/// The manufacturer role: <c>process_job_request</c> of a task with 1,000 tickets (check, reply, one transaction of
/// 1,000 ticket rows) beside signing the same request on the U-HSM (the same container built and signed, nothing
/// stored: the ceiling); and served <c>list_tickets</c> requests per second with 8 and 32 clients beside the same
/// call on the embedded module.
/// </summary>
internal static class HandshakeBenchmark
{
    private const int Tickets = 1_000;
    private const int Runs = 5;

    public static async Task Run(TimeSpan duration)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var oem = HsmModule.Create(Path.Combine(folder, "oem"));
            var cm = HsmModule.Create(Path.Combine(folder, "cm"));
            var user = oem.UserRole("benchmark");
            var manufacturer = cm.ManufacturerRole("benchmark");
            JobRequestContent Content() => new("job", "task", [.. Enumerable.Range(0, Tickets).Select(index =>
                new RequestedTicket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), $"t{index}", "dev1", "MPF300", "PROGRAM", 1000, "AUTH_CODE"))]);

            var requests = Enumerable.Range(0, Runs + 1).Select(_ => user.SignJobRequest(Content()).Container).ToList();
            manufacturer.ProcessJobRequest(requests[^1]); // warm-up
            var process = Stopwatch.StartNew();
            requests.Take(Runs).ToList().ForEach(request => manufacturer.ProcessJobRequest(request));
            var processMs = process.Elapsed.TotalMilliseconds / Runs;
            var contents = Enumerable.Range(0, Runs).Select(_ => Content()).ToList();
            var sign = Stopwatch.StartNew();
            contents.ForEach(content => user.SignJobRequest(content));
            var signMs = sign.Elapsed.TotalMilliseconds / Runs;
            Console.WriteLine($"process_job_request, {Tickets:N0} tickets: {processMs,7:N1} ms; signing the same request (ceiling) {signMs,7:N1} ms; ratio {signMs / processMs:P0}");

            var credential = cm.Enroll("benchmark", "manufacturer");
            await using var server = await HsmServer.StartAsync(cm, "127.0.0.1:0");
            manufacturer.RemoveTickets(null);
            manufacturer.ProcessJobRequest(user.SignJobRequest(new("job", "task", [.. Content().Tickets.Take(2)])).Container);
            foreach (var clients in new[] { 8, 32 })
            {
                var served = HsmRequestBenchmark.Measure(duration, clients, () =>
                {
                    var client = new RemoteManufacturerHsm(server.Address, credential);
                    return () => client.ListTickets();
                });
                var embedded = HsmRequestBenchmark.Measure(duration, clients, () =>
                {
                    var role = cm.ManufacturerRole("benchmark");
                    return () => role.ListTickets();
                });
                Console.WriteLine($"M-HSM list_tickets, {clients,2} clients: served {served.PerSecond,8:N0} /s (p50 {served.P50,6:N2} ms, p99 {served.P99,6:N2} ms); " +
                                  $"embedded ceiling {embedded.PerSecond,8:N0} /s; ratio {served.PerSecond / embedded.PerSecond:P0}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
