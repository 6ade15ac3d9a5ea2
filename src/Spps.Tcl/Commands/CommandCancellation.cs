using System.Runtime.InteropServices;

namespace Spps.Tcl.Commands;

/// <summary>
/// The one cancellation of the framework: a token every command gets through its <see cref="CommandContext"/> and hands
/// to its services, cancelled by the host when the user interrupts the work that runs (Ctrl-C at the interactive shell,
/// SIGINT or SIGTERM in a script). A service stops at its next safe point (between targets, boards, files, chunks) with
/// <see cref="OperationCanceledException"/>, which the framework turns into the error <c>SPPS CANCELLED</c>; every
/// later command of the same work refuses at once, so a script that catches the error cannot carry on writing.
/// </summary>
public sealed class CommandCancellation
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _source = new();
    private bool _running;
    private bool _endDeferred;

    /// <summary>The token of the work that runs now.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_lock)
            {
                return _source.Token;
            }
        }
    }

    /// <summary>The signal that cancelled the current work, if one did.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>Set when the signal also ends the run (anything but Ctrl-C at the interactive shell): the shell leaves after the current work.</summary>
    public bool EndsRun { get; private set; }

    /// <summary>
    /// Starts a unit of work (a line typed at the prompt, a whole script) that a signal may cancel until it is disposed.
    /// A unit started after a cancelled one gets a fresh token, unless the run is ending.
    /// </summary>
    public IDisposable Running()
    {
        lock (_lock)
        {
            if (_source.IsCancellationRequested && !EndsRun)
            {
                _source.Dispose();
                _source = new CancellationTokenSource();
                Signal = null;
            }

            _running = true;
        }

        return new RunningScope(this);
    }

    /// <summary>
    /// Cancels the work that runs, for <paramref name="signal"/>; false when no work runs or it was already cancelled, in
    /// which case the caller lets the signal end the program as it would (a second Ctrl-C is the way out of work that does
    /// not reach a safe point).
    /// </summary>
    public bool TryCancel(PosixSignal signal, bool endsRun)
    {
        lock (_lock)
        {
            if (!_running || _source.IsCancellationRequested)
            {
                return false;
            }

            Signal = signal;
            EndsRun = endsRun;
            _source.Cancel();
            return true;
        }
    }

    /// <summary>
    /// For a signal that would end the program at once while the cancelled work cannot be cut (<c>UnbrokenWork</c>):
    /// the run ends the normal way once the current work stops, as a signal that ends the run does. False when no
    /// cancelled work runs, or when a signal was already deferred so (a further one ends the program at once).
    /// </summary>
    public bool TryEndRunAfterWork()
    {
        lock (_lock)
        {
            if (!_running || !_source.IsCancellationRequested || _endDeferred)
            {
                return false;
            }

            _endDeferred = true;
            EndsRun = true;
            return true;
        }
    }

    /// <summary>How the user asked for the cancellation, for messages: <c>Ctrl-C</c>, <c>SIGTERM</c>; null when no signal did.</summary>
    public string? Describe() => Signal switch
    {
        PosixSignal.SIGINT => "Ctrl-C",
        { } other => other.ToString(),
        null => null,
    };

    private void Stopped()
    {
        lock (_lock)
        {
            _running = false;
        }
    }

    private sealed class RunningScope(CommandCancellation owner) : IDisposable
    {
        public void Dispose() => owner.Stopped();
    }
}
