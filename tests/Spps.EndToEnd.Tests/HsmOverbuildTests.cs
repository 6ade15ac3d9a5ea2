using System.Diagnostics;
using Spps.Hsm;
using Spps.Hsm.Client;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Overbuild protection of the served M-HSM across processes (docs/production.md, "Tickets spent"): eight
/// <c>spps-hsm serve</c> processes on one store, a station on each, racing on one ticket, get exactly its maximum; and
/// a server killed with SIGKILL at random moments while stations ask never delivers more than the maximum, its counter
/// never shows fewer uses than were delivered, and its store passes SQLite's integrity check.
/// (benchmarks/hsm_kill.sh runs the same with a hundred kills and more.)
/// </summary>
public sealed class HsmOverbuildTests : EndToEndTest
{
    private static (Process Server, Uri Address) Serve(string store)
    {
        var (server, address) = HsmProgram.Serve(store);
        return (server, new Uri($"http://{address}/"));
    }

    [Fact]
    public void Eight_server_processes_on_one_store_with_a_station_each_give_exactly_the_ticket_s_maximum()
    {
        const int max = 10;
        using var rig = new ProductionRig(Folder.Combine("rig"), max);
        var servers = Enumerable.Range(0, 8).Select(_ => Serve(rig.CmStore)).ToList();
        try
        {
            var granted = 0;
            var refused = 0;
            Parallel.ForEach(servers, new ParallelOptions { MaxDegreeOfParallelism = servers.Count }, served =>
            {
                using var station = new RemoteManufacturerHsm(served.Address, rig.EnrollStation("station"));
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        station.AuthorizeDeviceAction(rig.NewDeviceRequest());
                        Interlocked.Increment(ref granted);
                    }
                    catch (HsmException error) when (error.Code == "TICKET_SPENT")
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            });

            Assert.Equal((max, 24 - max), (granted, refused));
        }
        finally
        {
            servers.ForEach(served => served.Server.Kill());
            servers.ForEach(served => served.Server.WaitForExit());
        }

        Assert.Equal(max, rig.Used());
    }

    [Fact]
    public void A_served_m_hsm_killed_ten_times_during_a_run_never_delivers_beyond_the_maximum_and_keeps_a_sound_store()
    {
        const int max = 30;
        using var rig = new ProductionRig(Folder.Combine("rig"), max);
        var figures = KillRun.Run(rig, Serve, kills: 10, stations: 4, seed: 1410);
        Assert.True(figures.Delivered is > 0 and <= max, figures.ToString()); // every server is killed only once it answered
        Assert.True(figures.Used >= figures.Delivered && figures.Used <= max, figures.ToString());
        Assert.Equal("ok", figures.Integrity);
    }
}
