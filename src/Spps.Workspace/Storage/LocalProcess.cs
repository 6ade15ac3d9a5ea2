using System.ComponentModel;
using System.Diagnostics;

namespace Spps.Workspace.Storage;

/// <summary>
/// Processes of this machine, named by id and start time: an id is given again to later processes, so only both
/// together say whether the process that wrote a lock or a staged file still runs.
/// </summary>
internal static class LocalProcess
{
    // Start times are read back from the operating system, which rounds them; two seconds apart means another process.
    private static readonly TimeSpan _sameStart = TimeSpan.FromSeconds(2);

    /// <summary>When this process started (UTC).</summary>
    public static DateTimeOffset CurrentStarted { get; } = CurrentStart();

    /// <summary>
    /// True when no process with <paramref name="processId"/> that started at <paramref name="started"/> runs now. A
    /// process that may not be inspected is taken to be running, so nothing of a live process is ever taken over.
    /// </summary>
    public static bool HasEnded(int processId, DateTimeOffset started)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return (StartOf(process) - started).Duration() > _sameStart; // the id now belongs to a later process
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
            return false; // cannot inspect it: assume it still runs
        }
    }

    private static DateTimeOffset CurrentStart()
    {
        using var current = Process.GetCurrentProcess();
        return StartOf(current);
    }

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime());
}
