using Spps.Devices;
using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Formats.Jobs;
using Spps.Silicon;
using Spps.Workspace;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Debug;

/// <summary>
/// unlock_debug and read_debug_info on a debug job's target of the connected board. An unlock is a ticketed action
/// (<see cref="TicketedAction"/>): the device says first whether it would refuse it, then the job's M-HSM spends a
/// DEBUG ticket for the device's live challenge and answers with the one-time passcode, which the device checks before
/// it opens its debug (docs/production.md, "Debug unlock"). Every unlock is recorded in the production record.
/// </summary>
public sealed class DebugService(JobProjectService projects, ProgrammerService programmer, SettingsStore settings, HsmConnector connector, TimeProvider clock)
{
    /// <summary>The largest passcode file read: an authorisation code of a DEBUG is a few hundred bytes.</summary>
    private const long MaximumPasscodeBytes = 64 * 1024;

    private const string Instead = "set_programming_action and run_selected_actions";

    /// <summary>
    /// Unlocks the debug of the device of target <paramref name="deviceName"/>. With <paramref name="passcodeFile"/> the
    /// passcode kept there is given to the device instead (no M-HSM, no ticket: the device alone decides, and refuses
    /// a passcode of an earlier unlock or of another device); with <paramref name="savePasscode"/> the passcode the
    /// M-HSM answered is kept in that file once the device has taken it.
    /// </summary>
    public DeviceOutcome Unlock(string deviceName, string? passcodeFile, string? savePasscode, Action<string> info, Action<string> warn)
    {
        if (passcodeFile is not null && savePasscode is not null)
        {
            throw new DomainException(
                $"save_passcode: Invalid argument value: '{savePasscode}' (expecting no -save_passcode with -passcode_file: a passcode given from a file is the one kept there).",
                "BADVALUE", "-save_passcode", savePasscode);
        }

        var (project, board, target, device) = DebugTarget(deviceName, "unlock_debug");
        var completed = project.Recorder.Prepare(warn); // a record that cannot take the result is refused before the device
        byte[] passcode;
        SiliconResult result;
        using (UnbrokenWork.Process.Begin()) // a DEBUG ticket spent is recorded with its device, even if a second Ctrl-C comes
        {
            if (passcodeFile is not null)
            {
                passcode = InputFile.ReadAllBytes(passcodeFile, "passcode file", MaximumPasscodeBytes);
                device.Challenge(); // a new session, as a debugger opens one: the passcode must answer its challenge
            }
            else
            {
                if (savePasscode is not null)
                {
                    Writable.Check(savePasscode);
                }

                passcode = Authorize(project, board, target, device, completed, info);
            }

            result = device.UnlockDebug(passcode);
            board.Save();
            project.Recorder.Add(new DeviceResult(board.Number, target.DeviceName, device.Dsn.ToString(), ProgrammingActions.Debug, result.Passed, result.Code, result.Message,
                clock.GetUtcNow()), null, warn);
        }

        (result.Passed ? info : warn)(DeviceActions.ResultLine(board.Number, target.DeviceName, device, ProgrammingActions.Debug, result));
        if (savePasscode is not null && result.Passed)
        {
            AtomicFile.WriteAllBytes(savePasscode, passcode);
            info($"Kept the passcode of this unlock in '{savePasscode}': it answers this challenge only, and the device has used it.");
        }

        return new DeviceOutcome(target.DeviceName, result);
    }

    /// <summary>
    /// What the device of target <paramref name="deviceName"/> gives a debugger, line by line as it answers; refused
    /// while its debug is locked.
    /// </summary>
    public IReadOnlyList<string> ReadInfo(string deviceName)
    {
        var (project, board, target, device) = DebugTarget(deviceName, "read_debug_info");
        var result = device.ReadDebugInfo();
        board.Save();
        return result.Passed
            ? result.Message.Split('\n')
            : throw new DomainException(
                $"The device '{target.DeviceName}' of board {board.Number} (DSN {device.Dsn}) refuses READ_DEBUG_INFO (exit code {result.Code}: {result.Message}). " +
                $"Unlock it first with unlock_debug -device {target.DeviceName} (job '{project.Name}').", "DEBUGLOCKED", target.DeviceName);
    }

    // The open debug job's target and its device on the connected board, whose chain must be the job's.
    private (JobProject Project, IBoard Board, JobDeviceDescription Target, VirtualDevice Device) DebugTarget(string deviceName, string command)
    {
        var project = projects.RequireProject();
        project.RequireKind(debugJob: true, command, Instead);
        var board = programmer.RequireBoard();
        var target = project.Target(deviceName);
        ChainScan.Require(project.Job, board);
        return (project, board, target, board.Chain[project.Job.Devices.ToList().IndexOf(target)].Device!);
    }

    // What the device would refuse is asked before the M-HSM spends a DEBUG ticket for its challenge.
    private byte[] Authorize(JobProject project, IBoard board, JobDeviceDescription target, VirtualDevice device, JobCompletion? completed, Action<string> info)
    {
        var ticket = TicketedAction.TicketOf(project, target, DebugJob.Action, ProgrammingActions.Debug, "A debug job's targets carry DEBUG tickets; export the task again.");
        if (device.PublicRefusal(DebugBitstreamHeader.Of(project.Job.DebugBitstream(target))) is { } refusal)
        {
            throw TicketedAction.WouldRefuse(project, board, target, device, ProgrammingActions.Debug, $"{refusal.Message} (exit code {refusal.Code})");
        }

        TicketedAction.RequireRunnable(project, completed, settings.Load());
        using var hsm = connector.ConnectManufacturer(info);
        return TicketedAction.Authorize(hsm, project, board, target, device, ticket);
    }
}
