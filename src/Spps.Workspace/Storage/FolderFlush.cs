using System.Runtime.InteropServices;
using Spps.Devices;

namespace Spps.Workspace.Storage;

/// <summary>
/// Makes the names in folders durable: a file renamed into place (or a folder created) is an entry of its folder, and
/// until that folder is flushed a crash can lose the entry even though the file's content is on disk (POSIX fsync of
/// the folder; Linux only, as on Windows NTFS journals the rename itself). A folder this process may not read (a
/// drop box), or a file system that cannot flush a folder, is left to the file system's own ordering, as before
/// folders were flushed; any other failure (EIO) is an error that says the files are written and their folder is not
/// flushed, since it comes after the renames.
/// </summary>
internal static class FolderFlush
{
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
        var descriptor = LinuxFileCalls.Open(folder, LinuxFileCalls.ReadOnly | LinuxFileCalls.CloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error is LinuxFileCalls.Eacces or LinuxFileCalls.Eperm)
            {
                return; // a folder we may write but not read cannot be opened to flush it
            }

            throw Failure(folder, error);
        }

        try
        {
            if (LinuxFileCalls.Fsync(descriptor) != 0
                && Marshal.GetLastPInvokeError() is var error and not (LinuxFileCalls.Einval or LinuxFileCalls.Enosys or LinuxFileCalls.Eopnotsupp))
            {
                throw Failure(folder, error);
            }
        }
        finally
        {
            _ = LinuxFileCalls.Close(descriptor);
        }
    }

    private static DomainException Failure(string folder, int error) =>
        new($"The files were written, but their folder '{folder}' could not be flushed to disk ({Marshal.GetPInvokeErrorMessage(error)}): " +
            "after a crash they may be missing. Check the disk.", "UNFLUSHED", folder);
}
