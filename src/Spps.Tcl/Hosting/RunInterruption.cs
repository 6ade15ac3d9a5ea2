using System.Runtime.InteropServices;
using Spps.Tcl.Commands;
using Spps.Workspace;
using Spps.Workspace.Storage;

namespace Spps.Tcl.Hosting;

/// <summary>
/// What SIGINT (Ctrl-C), SIGTERM and SIGHUP do to a run. While a command or script runs, the signal cancels it
/// (<see cref="CommandCancellation"/>): the command stops at its next safe point, its staged files go, and the run goes
/// on (Ctrl-C at the interactive shell: the prompt returns) or ends the normal way, releasing the project's lock and
/// closing the log, with exit code 128 + the signal's number. When nothing runs (the runner starting, a script being
/// read, the plain prompt waiting for a line), or a second signal comes before the work reached a safe point, the
/// signal ends the program at once as it always did, its staged files removed first — except the first such signal
/// while <see cref="UnbrokenWork"/> runs (a device step from its M-HSM authorisation to its record), which lets that
/// work finish and ends the run the normal way after it.
/// </summary>
internal sealed class RunInterruption : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations;
    // Set on the main thread, read on the thread the runtime handles signals on.
    private volatile CommandCancellation? _cancellation;
    private volatile bool _interactive;

    public RunInterruption() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, Handle))];

    /// <summary>From now on a signal cancels the work <paramref name="cancellation"/> tracks; at the interactive shell Ctrl-C leaves the shell open.</summary>
    public void Watch(CommandCancellation cancellation, bool interactive)
    {
        _interactive = interactive;
        _cancellation = cancellation;
    }

    /// <summary>The exit code of a run ended by <paramref name="signal"/>, as a shell reports a program the signal killed.</summary>
    public static int ExitCode(PosixSignal signal) => 128 + signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        _ => 15,
    };

    public void Dispose() => _registrations.ForEach(registration => registration.Dispose());

    private void Handle(PosixSignalContext context)
    {
        var endsRun = !(_interactive && context.Signal == PosixSignal.SIGINT);
        if (_cancellation?.TryCancel(context.Signal, endsRun) == true)
        {
            context.Cancel = true; // the run ends (or goes on) by its own path, which releases the lock and closes the log
            return;
        }

        if (UnbrokenWork.Process.IsRunning && _cancellation?.TryEndRunAfterWork() == true)
        {
            context.Cancel = true;
            Console.Error.WriteLine(
                "Info: Finishing the device in progress (an M-HSM authorisation and the record of its device are not cut apart); the run ends after it. " +
                "A further signal ends the program at once.");
            return;
        }

        StagedFiles.RemoveAllAsTheProgramEnds();
    }
}
