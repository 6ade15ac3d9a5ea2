using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Spps.Hsm;
using Spps.Hsm.Client;
using Spps.Hsm.Server;
using Spps.Testing;

namespace Spps.Benchmarks;

/// <summary>
/// M-HSM ticket operations (authorize_device_action: check the device and the job's secrets, spend the ticket
/// durably, seal the code) served over loopback to 1, 8 and 32 stations, beside the bare counter operation — the
/// guarded UPDATE alone in its own immediate, synchronous=FULL transaction on the same store — with as many writers:
/// the ceiling the disk sets on any durable spend.
/// </summary>
internal static class TicketBenchmark
{
    public static async Task Run(TimeSpan duration)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var rig = new ProductionRig(folder, maxDevices: null); // unlimited: counts every use, never runs out
            var credential = rig.EnrollStation("benchmark");
            await using var server = await HsmServer.StartAsync(HsmModule.Open(rig.CmStore), "127.0.0.1:0");

            // One device per station, a new challenge for every request: the M-HSM answers a challenge once, and a
            // challenge sent again would be answered without a spend.
            Func<Action> NewStation() => () =>
            {
                var station = new RemoteManufacturerHsm(server.Address, credential);
                var request = rig.NewDeviceRequest();
                var challengeKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384); // lives as long as the run's stations
                return () => station.AuthorizeDeviceAction(ProductionRig.WithNewChallenge(request, challengeKey));
            };

            HsmRequestBenchmark.Measure(duration, 32, NewStation()); // the steady state: the path compiled and optimised first
            foreach (var stations in new[] { 1, 8, 32 })
            {
                var served = HsmRequestBenchmark.Measure(duration, stations, NewStation());
                var bare = HsmRequestBenchmark.Measure(duration, stations, () => BareCounter(rig.CmStore, rig.TicketId));
                Console.WriteLine($"M-HSM ticket operations, {stations,2} station(s): served {served.PerSecond,7:N0} /s (p50 {served.P50,6:N2} ms, p99 {served.P99,6:N2} ms); " +
                                  $"bare counter ceiling {bare.PerSecond,7:N0} /s (p50 {bare.P50,6:N2} ms, p99 {bare.P99,6:N2} ms); ratio {served.PerSecond / bare.PerSecond:P0}");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The guarded statement alone on ticket <paramref name="ticketId"/> of the store in <paramref name="store"/>, committed durably as the store commits a spend.</summary>
    internal static Action BareCounter(string store, string ticketId)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(store, "hsm.db")}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }

        return () =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE tickets SET used = used + 1 WHERE ticket_id = $id AND (max_devices IS NULL OR used < max_devices);";
            command.Parameters.AddWithValue("$id", ticketId);
            command.ExecuteNonQuery();
            transaction.Commit();
        };
    }
}
