using System.Diagnostics;
using Spps.Hsm;
using Spps.Hsm.Client;

namespace Spps.Testing;

/// <summary>What a run of stations against a repeatedly killed M-HSM delivered, and what its store says afterwards.</summary>
public sealed record KillFigures(int Kills, long Delivered, long Used, long? MaxDevices, long Spent, long Unreachable, string Integrity)
{
    public override string ToString() =>
        $"{Kills} kill(s) -9 of the served M-HSM: {Delivered} authorisation(s) delivered, ticket counter {Used} of {MaxDevices?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} " +
        $"({Used - Delivered} spent but lost to a kill), {Spent} refused as spent, {Unreachable} request(s) cut off; integrity_check: {Integrity}";
}

/// <summary>
/// Overbuild under kills: stations ask a served M-HSM for authorisations without pause while the server process is
/// killed (SIGKILL) at random moments and started again on the same store. Each server is killed only once it has
/// answered a request (a fresh process compiles its path first, and a kill before that would hit nothing), at a random
/// moment in the next few hundred milliseconds. A code counts as delivered only when a station received it; a crash may
/// lose one (counted, never delivered), never create one.
/// </summary>
public static class KillRun
{
    /// <param name="serve">Starts <c>spps-hsm serve</c> on the store and returns the process and its address once it listens.</param>
    public static KillFigures Run(ProductionRig rig, Func<string, (Process Server, Uri Address)> serve, int kills, int stations, int seed)
    {
        var random = new Random(seed);
        var credentials = Enumerable.Range(0, stations).Select(index => rig.EnrollStation($"station {index}")).ToList();
        Uri? address = null;
        long delivered = 0, spent = 0, unreachable = 0;
        long answered = 0; // requests a server answered, whatever the answer
        using var stop = new CancellationTokenSource();
        var workers = credentials.Select(credential => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Volatile.Read(ref address) is not { } current)
                {
                    Thread.Sleep(5);
                    continue;
                }

                using var station = new RemoteManufacturerHsm(current, credential);
                try
                {
                    station.AuthorizeDeviceAction(rig.NewDeviceRequest());
                    Interlocked.Increment(ref delivered);
                    Interlocked.Increment(ref answered);
                }
                catch (HsmException error) when (error.Code == "TICKET_SPENT")
                {
                    Interlocked.Increment(ref spent);
                    Interlocked.Increment(ref answered);
                }
                catch (HsmException error) when (error.Code == "UNREACHABLE")
                {
                    Interlocked.Increment(ref unreachable); // the server was killed under this request
                }
            }
        })).ToList();

        for (var kill = 0; kill < kills; kill++)
        {
            var before = Interlocked.Read(ref answered);
            var (server, served) = serve(rig.CmStore);
            Volatile.Write(ref address, served);
            var waiting = Stopwatch.StartNew();
            while (Interlocked.Read(ref answered) == before && waiting.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(random.Next(0, 300));
            server.Kill(); // SIGKILL on Unix: no shutdown, no flush
            server.WaitForExit();
            server.Dispose();
            Volatile.Write(ref address, null);
        }

        stop.Cancel();
        Task.WaitAll([.. workers]);
        return new KillFigures(kills, delivered, rig.Used(), rig.MaxDevices, spent, unreachable, rig.IntegrityCheck());
    }
}
