namespace Spps.Testing;

/// <summary>
/// A thread that flips one byte of a buffer, as fast as it can, until disposed: a caller in the same process changing
/// an input it handed to an operation while the operation runs (the attack on an input read twice).
/// </summary>
public sealed class ByteFlipper : IDisposable
{
    private readonly Thread _thread;
    private int _stop;

    public ByteFlipper(byte[] buffer, int index)
    {
        _thread = new Thread(() =>
        {
            while (Volatile.Read(ref _stop) == 0)
            {
                buffer[index] ^= 1;
            }
        });
        _thread.Start();
    }

    public void Dispose()
    {
        Volatile.Write(ref _stop, 1);
        _thread.Join();
    }
}
