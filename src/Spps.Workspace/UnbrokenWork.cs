namespace Spps.Workspace;

/// <summary>
/// Work that a signal ending the program at once (a second Ctrl-C, the way out of work that does not stop) must not
/// cut in two: a station's device step, from the M-HSM's durable spend of a ticket to the production record of what
/// it authorised. Such a signal, while the work runs, ends the program when the work is done instead
/// (<see cref="EndAfter"/>), so a spent ticket is never left without its record by a user's interruption. (A crash or
/// kill -9 can still fall in between; the M-HSM's count stays right, docs/security.md.)
/// </summary>
public sealed class UnbrokenWork
{
    private readonly Lock _lock = new();
    private int _running;
    private Action? _end;

    /// <summary>The program's one instance, which the signal handling consults.</summary>
    public static UnbrokenWork Process { get; } = new();

    /// <summary>Starts a piece of unbroken work; the program's end waits until it is disposed.</summary>
    public IDisposable Begin()
    {
        lock (_lock)
        {
            _running++;
        }

        return new Scope(this);
    }

    /// <summary>
    /// Has <paramref name="end"/> end the program once the unbroken work running now is done (the first end asked for
    /// is the one taken); false when none runs, and the caller ends the program now.
    /// </summary>
    public bool EndAfter(Action end)
    {
        lock (_lock)
        {
            if (_running == 0)
            {
                return false;
            }

            _end ??= end;
            return true;
        }
    }

    private void Done()
    {
        Action? end;
        lock (_lock)
        {
            _running--;
            if (_running > 0 || _end is null)
            {
                return;
            }

            end = _end;
        }

        end();
    }

    private sealed class Scope(UnbrokenWork owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Done();
            }
        }
    }
}
