using Spps.Workspace.Projects;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// What import_job_status and the reports rely on in a task read from a project file: exported targets with whole
/// SHA-256 digests, and statuses in growing sequence whose copies are paths the project made.
/// </summary>
internal static class StatusFileProblems
{
    public static IEnumerable<string> Of(HsmTask task)
    {
        foreach (var target in task.ExportedTargets)
        {
            if (target.Name.Length == 0 || target.ComponentDigests.Any(digest => !HsmTaskValues.IsDigest(digest)))
            {
                yield return $"the exported target '{target.Name}' does not list its component digests as {HsmTaskValues.DigestExpecting}";
            }
        }

        long previous = 0;
        foreach (var status in task.Statuses)
        {
            if (status.Sequence <= previous)
            {
                yield return $"the job status {status.Sequence} does not follow status {previous}: statuses are imported in growing sequence";
            }

            previous = status.Sequence;
            foreach (var (field, path) in new[] { ("statusFile", status.StatusFile), ("devicesFile", status.DevicesFile) })
            {
                if (ProjectFiles.Problem(path) is { } problem)
                {
                    yield return $"{field} '{path}' of job status {status.Sequence} {problem}";
                }
            }
        }
    }
}
