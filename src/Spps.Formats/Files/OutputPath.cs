using System.Text;

namespace Spps.Formats.Files;

/// <summary>
/// Why a file or folder cannot be made at a path, said in terms of the path the user gave: every program that writes
/// (the Job Manager, <c>spps-hsm</c>, <c>jdcgen</c>) checks its outputs here first and explains a failed write with
/// <see cref="Reason"/>, so that no raw .NET message ("Could not find a part of the path", "The file '/etc/passwd'
/// already exists") reaches a user.
/// </summary>
public static class OutputPath
{
    /// <summary>The longest file or folder name the usual file systems accept (ext4, XFS, APFS), counted in UTF-8 bytes.</summary>
    public const int MaximumNameBytes = 255;

    // errno values that .NET passes on as the HResult of an IOException it has no special type for (Linux and macOS agree).
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;

    /// <summary>
    /// What stands in the way of making a file (or a folder) at <paramref name="fullPath"/> as the disk is now, or null:
    /// the path names a folder where a file is wanted, or a file where a folder is; a name in it is longer than
    /// <see cref="MaximumNameBytes"/> bytes; or a folder on the way is a file.
    /// </summary>
    public static string? Obstacle(string fullPath, OutputKind kind)
    {
        if (kind == OutputKind.File && (Path.EndsInDirectorySeparator(fullPath) || Directory.Exists(fullPath)))
        {
            return "it is a folder; give a file name";
        }

        if (kind == OutputKind.Folder && File.Exists(fullPath))
        {
            return "it is a file, not a folder";
        }

        var tooLong = fullPath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .FirstOrDefault(name => Encoding.UTF8.GetByteCount(name) > MaximumNameBytes);
        if (tooLong is not null)
        {
            return $"the name '{tooLong[..40]}…' has {Encoding.UTF8.GetByteCount(tooLong)} bytes, more than the {MaximumNameBytes} a file system allows";
        }

        for (var folder = Path.GetDirectoryName(fullPath); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"'{folder}' is a file, not a folder";
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which makes the file or folder at <paramref name="fullPath"/>, unless an
    /// <see cref="Obstacle"/> stands in the way. Returns null when it was written, otherwise why it could not be (only
    /// I/O and access failures are caught: anything else is a defect and goes on).
    /// </summary>
    public static string? TryWrite(string fullPath, OutputKind kind, Action write)
    {
        if (Obstacle(fullPath, kind) is { } obstacle)
        {
            return obstacle;
        }

        try
        {
            write();
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Reason(fullPath, kind, error);
        }
    }

    /// <summary>
    /// Why writing at <paramref name="fullPath"/> failed with <paramref name="error"/> (an I/O or access error): the
    /// obstacle if there is one now, else the failure in plain words, naming the folder where it happened.
    /// </summary>
    public static string Reason(string fullPath, OutputKind kind, Exception error) =>
        Obstacle(fullPath, kind) ?? error switch
        {
            UnauthorizedAccessException => $"permission denied: this user may not create or replace files in '{NearestFolder(fullPath)}'",
            IOException { HResult: NoSpace } => $"the disk holding '{NearestFolder(fullPath)}' is full",
            IOException { HResult: ReadOnlyFileSystem } => $"'{NearestFolder(fullPath)}' is on a read-only file system",
            DirectoryNotFoundException or FileNotFoundException => $"nothing can be created in '{NearestFolder(fullPath)}'",
            _ => error.Message,
        };

    // The deepest folder of the path that exists: where a write that could not create its file or folders failed.
    private static string NearestFolder(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath);
        while (folder is not null && !Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? fullPath;
    }
}
