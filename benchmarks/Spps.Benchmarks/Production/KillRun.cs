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
/// killed (SIGKILL) at random moments and started again on the same store. A code counts as delivered only when a
/// station received it; a crash may lose one (counted, never delivered), never create one.
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
                }
                catch (HsmException error) when (error.Code == "TICKET_SPENT")
                {
                    Interlocked.Increment(ref spent);
                }
                catch (HsmException error) when (error.Code == "UNREACHABLE")
                {
                    Interlocked.Increment(ref unreachable); // the server was killed under this request
                }
            }
        })).ToList();

        for (var kill = 0; kill < kills; kill++)
        {
            var (server, served) = serve(rig.CmStore);
            Volatile.Write(ref address, served);
            Thread.Sleep(random.Next(0, 400));
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
