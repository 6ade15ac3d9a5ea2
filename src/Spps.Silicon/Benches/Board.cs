namespace Spps.Silicon.Benches;

/// <summary>
/// One board of a bench, held under its lock from <see cref="Bench.OpenBoard"/> until disposed: its chain's devices
/// as the board file last had them. After an action, <see cref="Save"/> writes every device's state and sealed
/// secrets at once, atomically; what is not saved is lost when the board is let go.
/// </summary>
public sealed class Board : IDisposable
{
    private readonly Bench _bench;
    private readonly BoardLock _lock;
    private bool _disposed;

    internal Board(Bench bench, int number, IReadOnlyList<BenchDevice> devices, BoardLock boardLock)
    {
        _bench = bench;
        Number = number;
        Devices = devices;
        _lock = boardLock;
    }

    public int Number { get; }

    /// <summary>The chain from TDI.</summary>
    public IReadOnlyList<BenchDevice> Devices { get; }

    public void Save()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _bench.WriteBoard(Number, Devices);
    }

    /// <summary>Forgets the devices' secrets and lets the board go to the next holder.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var device in Devices)
        {
            device.Device?.Secrets.Dispose();
        }

        _lock.Dispose();
    }
}
