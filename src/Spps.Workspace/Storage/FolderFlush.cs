using System.Runtime.InteropServices;

namespace Spps.Workspace.Storage;

/// <summary>
/// Makes the names in folders durable: a file renamed into place (or a folder created) is an entry of its folder, and
/// until that folder is flushed a crash can lose the entry even though the file's content is on disk (POSIX fsync of
/// the folder; Linux only, as on Windows NTFS journals the rename itself). A file system that cannot flush a folder
/// (EINVAL) is left to its own ordering; any other failure is an I/O error naming the folder.
/// </summary>
internal static class FolderFlush
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on every Linux architecture .NET runs on
    private const int Einval = 22;

    public static void Flush(IEnumerable<string> folders)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            FlushOne(folder);
        }
    }

    private static void FlushOne(string folder)
    {
        var descriptor = Open(folder, ReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            throw Failure(folder, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is var error and not Einval)
            {
                throw Failure(folder, error);
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    private static IOException Failure(string folder, int error) =>
        new($"the folder '{folder}' could not be flushed to disk: {Marshal.GetPInvokeErrorMessage(error)}");

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
