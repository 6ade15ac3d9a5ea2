namespace Spps.Workspace;

/// <summary>
/// Work that a signal ending the program at once (a second Ctrl-C, the way out of work that does not stop) must not
/// cut in two: a station's device step, from the M-HSM's durable spend of a ticket to the production record of what
/// it authorised. While such work runs, the signal handling lets it finish and ends the run the normal way right after
/// it (docs/decisions.md); only a further signal ends the program at once. (A crash or kill -9 can still fall in
/// between; the M-HSM's count stays right, docs/security.md.)
/// </summary>
public sealed class UnbrokenWork
{
    private int _running;

    /// <summary>The program's one instance, which the signal handling consults.</summary>
    public static UnbrokenWork Process { get; } = new();

    /// <summary>Whether a piece of unbroken work runs now.</summary>
    public bool IsRunning => Volatile.Read(ref _running) > 0;

    /// <summary>Starts a piece of unbroken work, which runs until the result is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _running);
        return new Scope(this);
    }

    private sealed class Scope(UnbrokenWork owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._running);
            }
        }
    }
}
