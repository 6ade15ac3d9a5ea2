namespace Spps.Workspace.Storage;

/// <summary>
/// Staged files that processes of this host left when they were killed (kill -9, a crash, a power cut), removed by
/// the next write into their folder. A staged file of a process that still runs, or of another host, is never touched.
/// </summary>
internal static class LeftoverStagedFiles
{
    public static void RemoveFrom(string folder)
    {
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
