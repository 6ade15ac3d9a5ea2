using Spps.Devices;
using Spps.Formats.Files;

namespace Spps.Workspace.Storage;

/// <summary>
/// The Job Manager's error for a file or folder it cannot write: the message names the path and the reason, the
/// errorCode is <c>SPPS UNWRITABLE &lt;path&gt;</c>. Raw I/O exceptions never reach the user as internal errors.
/// </summary>
public static class Writable
{
    /// <summary>Refuses <paramref name="fullPath"/> before anything is written when a file (or folder) cannot be made there.</summary>
    public static void Check(string fullPath, OutputKind kind = OutputKind.File)
    {
        if (OutputPath.Obstacle(fullPath, kind) is { } obstacle)
        {
            throw Error(fullPath, kind, obstacle);
        }
    }

    /// <summary>Whether <paramref name="error"/> is an I/O failure that <see cref="Failure"/> explains; any other exception is a defect.</summary>
    public static bool IsIoFailure(Exception error) => error is IOException or UnauthorizedAccessException;

    /// <summary>The error for a write at <paramref name="fullPath"/> that failed with <paramref name="error"/>.</summary>
    public static DomainException Failure(string fullPath, OutputKind kind, Exception error) =>
        Error(fullPath, kind, OutputPath.Reason(fullPath, kind, error));

    private static DomainException Error(string fullPath, OutputKind kind, string reason) =>
        new(kind == OutputKind.Folder ? $"Cannot create the folder '{fullPath}': {reason}." : $"Cannot write '{fullPath}': {reason}.",
            "UNWRITABLE", fullPath);
}
