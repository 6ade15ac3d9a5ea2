using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Spps.Workspace.Storage;

/// <summary>
/// Asks the kernel to start writing a file's dirty pages to disk now, without waiting for them (Linux
/// <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>), so that the flush that makes a staged file durable finds most of it
/// already on its way. It is only a head start, never the durability itself: the staged file is still flushed with
/// fsync before it is renamed, and that flush reports any write error. Elsewhere it does nothing.
/// </summary>
internal static class EarlyWriteBack
{
    private static bool _available = OperatingSystem.IsLinux();

    public static void Start(SafeFileHandle file)
    {
        if (!_available)
        {
            return;
        }

        // Offset 0 and length 0 cover the whole file; pages already being written or clean are passed over.
        if (LinuxFileCalls.SyncFileRange(file, 0, 0, LinuxFileCalls.SyncFileRangeWrite) != 0
            && Marshal.GetLastPInvokeError() is LinuxFileCalls.Enosys or LinuxFileCalls.Einval or LinuxFileCalls.Espipe)
        {
            // A kernel or file system without it: the final flush alone does the work, as on other systems. Any other
            // error (EIO, say) the final flush meets again and reports.
            _available = false;
        }
    }
}
