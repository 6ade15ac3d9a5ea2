namespace Spps.Silicon.Benches;

/// <summary>
/// Keeps a board to one holder while it changes: an exclusive operating-system lock on <c>board-N.lock</c>. The
/// system lets one holder have it (another process, or another open in this one) and releases it when its process
/// ends however it ends, so a killed station never leaves a board locked. The file stays; only its lock matters.
/// </summary>
internal sealed class BoardLock : IDisposable
{
    // How the platform says that another holder has the lock: flock's EWOULDBLOCK on Linux (11) and macOS (35),
    // ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] _heldElsewhere = [11, 35, unchecked((int)0x80070020)];

    private static readonly TimeSpan _retry = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _file;

    private BoardLock(FileStream file) => _file = file;

    public static string FileName(int board) => $"board-{board}.lock";

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> while another holder has it.</summary>
    public static BoardLock Acquire(string folder, int board, TimeSpan wait)
    {
        var path = Path.Combine(folder, FileName(board));
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new BoardLock(new FileStream(path, options));
            }
            catch (IOException error) when (_heldElsewhere.Contains(error.HResult))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new BenchException($"Board {board} of the bench '{folder}' is in use by another process (it holds '{path}'); try again when it is done.");
                }

                Thread.Sleep(_retry);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new BenchException($"Board {board} of the bench '{folder}' cannot be locked: '{path}': {error.Message.TrimEnd('.')}.");
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
