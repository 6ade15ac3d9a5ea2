using System.Collections.Concurrent;

namespace Spps.Workspace.Storage;

/// <summary>
/// Staged files that processes of this host left when they were killed (kill -9, a crash, a power cut), removed by
/// the first write of each process into their folder. A staged file of a process that still runs, or of another host,
/// is never touched.
/// </summary>
internal static class LeftoverStagedFiles
{
    // Leftovers come only from killed processes, so one look per folder and process finds them: listing the folder
    // again for every file written into it cost as much as writing the file, once a folder held a thousand per-device files.
    private static readonly ConcurrentDictionary<string, byte> _cleaned = new(StringComparer.Ordinal);

    public static void RemoveFrom(string folder)
    {
        if (!_cleaned.TryAdd(folder, 0))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp").Where(path => StagedFileName.IsLeftByEndedProcess(Path.GetFileName(path))))
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception error) when (Writable.IsIoFailure(error))
            {
                // Another user's leftover in a shared folder (one with the sticky bit, say) is not ours to remove; the
                // write this clean-up precedes must not fail for it.
            }
        }
    }
}
