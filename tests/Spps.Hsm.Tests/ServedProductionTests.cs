using Spps.Formats.Production;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// Production served: stations (manufacturer-role clients) authorise devices, ask for the job status and end the task
/// over the server, each result as the embedded module gives it; a user-role client is refused all three (FORBIDDEN,
/// audited, nothing changed); eight stations racing on one ticket get exactly its maximum.
/// </summary>
public sealed class ServedProductionTests : ProductionModules, IAsyncLifetime
{
    private HsmServer _server = null!;

    public async Task InitializeAsync() => _server = await HsmServer.StartAsync(Cm, "127.0.0.1:0");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private RemoteManufacturerHsm Station(string name = "station") => new(_server.Address, Cm.Enroll(name, "manufacturer"));

    [Fact]
    public void A_station_authorises_devices_reports_the_status_and_ends_the_task_over_the_server()
    {
        using var station = Station();
        var job = Job("DFK", max: 2);
        using var device = Device();
        var request = Request(job, job.Program, device) with { UserKeyStatement = null }; // not needed under DFK
        var authorization = station.AuthorizeDeviceAction(request);
        using (var entries = device.Open(authorization.AuthorizationCode))
        {
            Assert.Equal(job.TaskKip, entries.Value(AuthorizationCode.Kip));
        }

        Assert.Equal(1, authorization.Ticket.Used);
        var status = station.MakeJobStatus(job.RequestId, [[1, 2, 3]]);
        Assert.Equal((1L, false), (status.Sequence, status.Ended));
        Assert.Equal("DEVICES_LEFT", Assert.Throws<HsmException>(() => station.EndTask(job.RequestId, terminate: false, [])).Code);
        var end = station.EndTask(job.RequestId, terminate: true, []);
        Assert.Equal((2L, true), (end.Sequence, end.Ended));
        device.NewChallenge();
        Assert.Equal("TASK_ENDED", Assert.Throws<HsmException>(() => station.AuthorizeDeviceAction(Request(job, job.Program, device))).Code);
    }

    [Fact]
    public void A_user_role_client_cannot_authorise_devices_nor_make_or_end_a_job_status()
    {
        var job = Job();
        using var device = Device();
        using var intruder = new RemoteManufacturerHsm(_server.Address, Cm.Enroll("a user client"));
        var before = StoreRows.Of(Cm);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.AuthorizeDeviceAction(Request(job, job.Program, device))).Code);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.MakeJobStatus(job.RequestId, [])).Code);
        Assert.Equal("FORBIDDEN", Assert.Throws<HsmException>(() => intruder.EndTask(job.RequestId, true, [])).Code);
        Assert.Equal(before, StoreRows.Of(Cm));
        Assert.Equal(["authorize_device_action refused: FORBIDDEN", "make_job_status refused: FORBIDDEN", "end_task refused: FORBIDDEN"],
            Cm.Store.ReadAudit().Where(entry => entry.Client.StartsWith("a user client", StringComparison.Ordinal)).Select(entry => $"{entry.Operation} {entry.Result}"));
    }

    [Fact]
    public void Eight_stations_racing_on_one_ticket_get_exactly_its_maximum_and_the_rest_are_told_it_is_spent()
    {
        const int max = 13;
        var job = Job("KFP", max: max);
        var stations = Enumerable.Range(0, 8).Select(index => Station($"station {index}")).ToList();
        var granted = 0;
        var spent = 0;
        Parallel.For(0, stations.Count, new ParallelOptions { MaxDegreeOfParallelism = stations.Count }, index =>
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                using var device = Device();
                try
                {
                    stations[index].AuthorizeDeviceAction(Request(job, job.Program, device));
                    Interlocked.Increment(ref granted);
                }
                catch (HsmException error) when (error.Code == "TICKET_SPENT")
                {
                    Interlocked.Increment(ref spent);
                }
            }
        });
        stations.ForEach(station => station.Dispose());

        Assert.Equal((max, 32 - max), (granted, spent));
        Assert.Equal(max, Cm.ManufacturerRole().ListTickets().Single(ticket => ticket.TicketId == job.Program.TicketId).Used);
        Assert.Equal(max, StoreRows.Query<long>(Cm.Folder, "SELECT COUNT(*) FROM ticket_uses;").Single());
    }
}
