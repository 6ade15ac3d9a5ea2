using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spps.JobManager.Storage;

namespace Spps.JobManager.Projects;

/// <summary>
/// A lock file beside the <c>.jprj</c>, created exclusively while the project is open, naming its holder. A lock
/// left by a process that no longer runs on this host is taken over with a warning; any other is refused.
/// </summary>
public sealed class ProjectLock : IDisposable
{
    private static readonly HashSet<string> _heldInThisProcess = new(StringComparer.Ordinal);

    private readonly string _path;
    private bool _released;

    private ProjectLock(string path) => _path = path;

    public static string PathFor(string projectFile) => projectFile + ".lock";

    public static ProjectLock Acquire(string projectFile, Action<string> warn)
    {
        var path = PathFor(projectFile);
        lock (_heldInThisProcess)
        {
            if (_heldInThisProcess.Contains(path))
            {
                throw new JobManagerException(
                    $"The project '{projectFile}' is already open in this Job Manager process (in another interpreter).", "LOCKED", projectFile);
            }

            for (var attempt = 0; ; attempt++)
            {
                if (TryCreate(path))
                {
                    _heldInThisProcess.Add(path);
                    return new ProjectLock(path);
                }

                var holder = ReadHolder(path) ?? throw new JobManagerException(
                    $"The project '{projectFile}' is locked by '{path}', which cannot be read. " +
                    "If no Job Manager has this project open, delete that file and try again.", "LOCKED", projectFile);
                if (attempt == 0 && IsStale(holder))
                {
                    warn($"Taking over the lock of project '{projectFile}' left by {holder}, which no longer runs.");
                    File.Delete(path);
                    continue;
                }

                throw new JobManagerException(
                    $"The project '{projectFile}' is open in another Job Manager: {holder}. Close it there first; " +
                    $"if that process no longer runs, delete '{path}'.", "LOCKED", projectFile, holder.ToString());
            }
        }
    }

    public void Dispose()
    {
        lock (_heldInThisProcess)
        {
            if (_released)
            {
                return;
            }

            if (ReadHolder(_path) is { } holder && holder.ProcessId == Environment.ProcessId)
            {
                File.Delete(_path);
            }

            _heldInThisProcess.Remove(_path);
            _released = true;
        }
    }

    private static bool TryCreate(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            JsonSerializer.Serialize(stream, LockHolder.ThisProcess(), JsonFiles.Options);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

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

    private static bool IsStale(LockHolder holder)
    {
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false; // Another host's processes cannot be seen from here.
        }

        try
        {
            using var process = Process.GetProcessById(holder.ProcessId);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime());
            return Math.Abs((started - holder.ProcessStarted).TotalSeconds) > 2; // the id was reused by a newer process
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while we looked
        }
        catch (Win32Exception)
        {
            return false; // cannot inspect it: assume it still holds the project
        }
    }
}
