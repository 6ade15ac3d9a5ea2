using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Spps.Workspace.Storage;

/// <summary>
/// The Linux C library's file calls .NET does not offer (flushing a folder, starting a file's write-back), and the
/// error numbers their callers tell apart; the numbers are the same on every Linux architecture .NET runs on.
/// </summary>
internal static class LinuxFileCalls
{
    public const int Eperm = 1;
    public const int Eacces = 13;
    public const int Einval = 22;
    public const int Espipe = 29;
    public const int Enosys = 38;
    public const int Eopnotsupp = 95;

    public const int ReadOnly = 0;
    public const int CloseOnExec = 0x80000;
    public const uint SyncFileRangeWrite = 2;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int descriptor);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    public static extern int SyncFileRange(SafeFileHandle file, long offset, long count, uint flags);
}
