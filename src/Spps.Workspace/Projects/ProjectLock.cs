using System.Text.Json;
using Spps.Devices;
using Spps.Formats.Files;
using Spps.Workspace.Storage;

namespace Spps.Workspace.Projects;

/// <summary>
/// Keeps a project to one Job Manager while it is open, with two files beside the <c>.jprj</c>:
/// <list type="bullet">
/// <item>the guard <c>.N.jprj.guard</c>, held with an exclusive operating-system lock for as long as the project is
/// open. The system lets one process hold it and releases it when that process ends, however it ends, so whoever
/// holds the guard decides alone, and a lock left by a killed process is taken over by exactly one other.</item>
/// <item>the lock file <c>N.jprj.lock</c>, naming the holder so that a refused user is told who has the project
/// open; written whole (staged, then renamed into place) only while the guard is held.</item>
/// </list>
/// See docs/formats/jprj.md for the rules and why.
/// </summary>
public sealed class ProjectLock : IDisposable
{
    /// <summary>
    /// An empty or unreadable lock file younger than this is taken as being written by another Job Manager; an older one
    /// was left by a Job Manager that stopped while writing it, and is taken over.
    /// </summary>
    public static readonly TimeSpan UnreadableLockAge = TimeSpan.FromSeconds(5);

    // How the platform says that another process holds the guard: flock's EWOULDBLOCK on Linux (11) and macOS (35),
    // ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] _heldElsewhere = [11, 35, unchecked((int)0x80070020)];

    private static readonly HashSet<string> _heldInThisProcess = new(StringComparer.Ordinal);

    private readonly string _path;
    private readonly FileStream _guard;
    private bool _released;

    private ProjectLock(string path, FileStream guard)
    {
        _path = path;
        _guard = guard;
    }

    public static string PathFor(string projectFile) => projectFile + ".lock";

    public static string GuardPathFor(string projectFile) =>
        Path.Combine(Path.GetDirectoryName(projectFile)!, "." + Path.GetFileName(projectFile) + ".guard");

    public static ProjectLock Acquire(string projectFile, Action<string> warn)
    {
        var path = PathFor(projectFile);
        lock (_heldInThisProcess)
        {
            if (_heldInThisProcess.Contains(path))
            {
                throw new DomainException(
                    $"The project '{projectFile}' is already open in this Job Manager process (in another interpreter).", "LOCKED", projectFile);
            }

            var guard = TryHoldGuard(projectFile) ?? throw Held(projectFile, path, ReadHolder(path));
            try
            {
                TakeOverLeftLock(projectFile, path, warn);
                AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(LockHolder.ThisProcess(), JsonFiles.Options), FileVisibility.OwnerOnly);
            }
            catch
            {
                guard.Dispose();
                throw;
            }

            _heldInThisProcess.Add(path);
            return new ProjectLock(path, guard);
        }
    }

    /// <summary>Removes the lock file, then lets the guard go (which removes it too).</summary>
    public void Dispose()
    {
        lock (_heldInThisProcess)
        {
            if (_released)
            {
                return;
            }

            try
            {
                File.Delete(_path);
            }
            catch (Exception error) when (Writable.IsIoFailure(error))
            {
                // The project folder is gone or read-only: the lock file stays, and as this process no longer holds
                // the guard, the next Job Manager to open the project takes it over with a warning.
            }
            finally
            {
                _guard.Dispose();
                _heldInThisProcess.Remove(_path);
                _released = true;
            }
        }
    }

    // The guard is created if missing and removed when let go. .NET checks, once it holds the lock, that the path
    // still names the file it locked (a holder removes the guard while it still holds it), so two processes can never
    // hold two different guards. Null when another process holds it.
    private static FileStream? TryHoldGuard(string projectFile)
    {
        var guard = GuardPathFor(projectFile);
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(guard, options);
        }
        catch (IOException error) when (_heldElsewhere.Contains(error.HResult))
        {
            return null;
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw new DomainException(
                $"The project '{projectFile}' cannot be locked: {OutputPath.Reason(guard, OutputKind.File, error)}.", "UNWRITABLE", guard);
        }
    }

    // With the guard held, a lock file that is still there was left by a Job Manager that ended without removing it.
    // It is taken over with a warning, unless its holder may still run: on another host (whose processes cannot be
    // seen, and whose file locks a network file system may not share) or on this one (where file locks are off).
    private static void TakeOverLeftLock(string projectFile, string path, Action<string> warn)
    {
        if (!File.Exists(path))
        {
            return;
        }

        if (ReadHolder(path) is not { } holder)
        {
            var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
            if (age < UnreadableLockAge)
            {
                throw new DomainException(
                    $"The project '{projectFile}' is being opened by another Job Manager: its lock file '{path}' is still being written. Try again in a moment.",
                    "LOCKED", projectFile);
            }

            warn($"Taking over the lock of project '{projectFile}': its lock file '{path}' is empty or unreadable and {age.TotalSeconds:0} s old, " +
                 "left by a Job Manager that stopped while writing it.");
            return;
        }

        if (!holder.IsOnThisHost || !LocalProcess.HasEnded(holder.ProcessId, holder.ProcessStarted))
        {
            throw Held(projectFile, path, holder);
        }

        warn($"Taking over the lock of project '{projectFile}' left by {holder}, which no longer runs.");
    }

    private static DomainException Held(string projectFile, string path, LockHolder? holder) => holder switch
    {
        null => new DomainException(
            $"The project '{projectFile}' is being opened or closed by another Job Manager. Try again in a moment.", "LOCKED", projectFile),
        { IsOnThisHost: true } => new DomainException(
            $"The project '{projectFile}' is open in another Job Manager: {holder}. Close it there first.", "LOCKED", projectFile, holder.ToString()),
        _ => new DomainException(
            $"The project '{projectFile}' is open in another Job Manager: {holder}. Close it there first; " +
            $"if that process no longer runs, delete '{path}'.", "LOCKED", projectFile, holder.ToString()),
    };

    private static LockHolder? ReadHolder(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<LockHolder>(File.ReadAllBytes(path), JsonFiles.Options);
        }
        catch (Exception error) when (error is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
