using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Formats.Jobs;
using Spps.Silicon;
using Spps.Workspace;
using Spps.Workspace.Settings;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// run_selected_actions: each target's selected action on the connected board's devices, in chain order, with the
/// job's programming files (bypassed devices are left in BYPASS). A ticketed action of an HSM job is first authorised
/// by the job's M-HSM for that device: the device's challenge, certificate and user key statement with the target's
/// sealed secrets and ticket, answered by an authorisation code the device alone can open. Every result and CoC goes to
/// the project's production record as it happens.
/// </summary>
public sealed class ProductionRunService(JobProjectService projects, ProgrammerService programmer, SettingsStore settings, HsmConnector connector, TimeProvider clock)
{
    /// <summary>
    /// Runs the actions; the board's chain, every ticket and every ticketed bitstream are checked first, so a refusal
    /// before the first device changes nothing. Returns each target's outcome in chain order. <paramref name="cancellation"/>
    /// stops the run between devices: a device's action (and its M-HSM authorisation) once begun completes and is recorded.
    /// </summary>
    public IReadOnlyList<DeviceOutcome> Run(Action<string> info, Action<string> warn, CancellationToken cancellation = default, IProgress<WorkStep>? progress = null)
    {
        var project = projects.RequireProject();
        project.RequireKind(debugJob: false, "run_selected_actions", "unlock_debug -device NAME (then read_debug_info -device NAME)");
        var board = programmer.RequireBoard();
        ChainScan.Require(project.Job, board);
        var steps = project.Job.Targets.Select(target => Step(project, board, target)).ToList();
        var completed = project.Recorder.Prepare(warn); // a record that cannot take the results is refused before any device
        if (steps.Any(step => step.Ticket is not null))
        {
            TicketedAction.RequireRunnable(project, completed, settings.Load());
        }

        using var hsm = steps.Any(step => step.Ticket is not null) ? connector.ConnectManufacturer(info) : null;
        var outcomes = new List<DeviceOutcome>();
        var work = new WorkSteps($"Running the selected actions on board {board.Number}", cancellation, progress) { Total = steps.Count };
        foreach (var step in steps)
        {
            NextDevice(work, step, outcomes.Count);
            SiliconResult result;
            using (UnbrokenWork.Process.Begin()) // a ticket spent is recorded with its device, even if a second Ctrl-C comes
            {
                var authorization = step.Ticket is { } ticket ? TicketedAction.Authorize(hsm!, project, board, step.Target, step.Device, ticket) : null;
                var cocBefore = step.Device.State.LastCoc;
                result = DeviceActions.Run(step.Device, step.Action, step.File, authorization);
                board.Save();
                Record(project, board, step, result, cocBefore, warn);
            }

            var line = DeviceActions.ResultLine(board.Number, step.Target.DeviceName, step.Device, step.Action, result);
            (result.Passed ? info : warn)(line);
            outcomes.Add(new DeviceOutcome(step.Target.DeviceName, result));
        }

        return outcomes;
    }

    // Stops before a device once cancelled, saying that the devices done stay done and recorded.
    private static void NextDevice(WorkSteps work, RunStep step, int done)
    {
        try
        {
            work.Next($"{step.Action} on '{step.Target.DeviceName}'");
        }
        catch (OperationCanceledException) when (done > 0)
        {
            throw new StepsKeptException(
                $"it stopped before device '{step.Target.DeviceName}'; the {done} device(s) done before it keep their results, which stay in the production record.",
                work.Cancellation);
        }
    }

    // A target's device, action, data and ticket, each checked before any device is touched or any ticket spent.
    private static RunStep Step(JobProject project, IBoard board, JobDeviceDescription target)
    {
        var device = board.Chain[project.Job.Devices.ToList().IndexOf(target)].Device!;
        var action = project.ActionOf(target);
        var file = project.ProgrammingFileOf(target);
        var ticketAction = DeviceActions.TicketActionOf(action);
        if (target.TicketData is null || ticketAction is null)
        {
            return new RunStep(target, device, action, file, null);
        }

        var ticket = TicketedAction.TicketOf(project, target, ticketAction, action, "Select another action with set_programming_action.");
        if (StationCheck.Problem(device, action, file) is { } problem)
        {
            throw TicketedAction.WouldRefuse(project, board, target, device, action, problem);
        }

        return new RunStep(target, device, action, file, ticket);
    }

    private void Record(JobProject project, IBoard board, RunStep step, SiliconResult result, byte[]? cocBefore, Action<string> warn)
    {
        var dsn = step.Device.Dsn.ToString();
        var coc = step.Device.State.LastCoc is { } latest && !ReferenceEquals(latest, cocBefore) && result.Passed ? latest : null;
        project.Recorder.Add(
            new DeviceResult(board.Number, step.Target.DeviceName, dsn, step.Action, result.Passed, result.Code, result.Message, clock.GetUtcNow()),
            coc is null ? null : new CollectedCoc(step.Target.DeviceName, dsn, coc), warn);
    }

    private sealed record RunStep(JobDeviceDescription Target, VirtualDevice Device, string Action, ProgrammingFile File, JobTicket? Ticket);
}
