using System.Diagnostics;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.FpExpress;

namespace Spps.Benchmarks;

/// <summary>
/// An fpexpress station of the programming benchmark: a job project open on its services (their M-HSM embedded or
/// served), and run_selected_actions on one new board after another, each timed.
/// </summary>
internal sealed class ProgrammingStation(FpExpressServices services, DeviceFactory factory)
{
    private Die? _die;
    private int _boards;

    /// <summary>create_job_project of <paramref name="job"/>, whose one target is a <paramref name="die"/>; returns the target's PROGRAM ticket.</summary>
    public string Open(string job, Die die, string location)
    {
        _die = die;
        var project = services.JobProjects.Create(location, job, false, location, _ => { });
        return project.Job.Targets.Single().TicketData!.Tickets.Single().TicketId;
    }

    public void Close() => services.JobProjects.Close(save: false);

    /// <summary>
    /// Programs new boards for <paramref name="duration"/> and returns each one's time in milliseconds: the station's,
    /// not the making of the next device (the device factory's work, done before its board is connected).
    /// </summary>
    public List<double> Latencies(TimeSpan duration)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var board = new FreshBoard(++_boards, _die!, factory);
            var start = Stopwatch.GetTimestamp();
            Program(board);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latencies;
    }

    private void Program(FreshBoard board)
    {
        services.Programmer.Connect(board);
        var outcome = services.ProductionRun.Run(_ => { }, _ => { }).Single();
        if (!outcome.Result.Passed)
        {
            throw new InvalidOperationException($"Board {board.Number}: PROGRAM failed ({outcome.Result.Code}: {outcome.Result.Message}); nothing to measure.");
        }
    }
}
