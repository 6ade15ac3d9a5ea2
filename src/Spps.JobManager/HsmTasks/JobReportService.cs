using Spps.Devices;
using System.Text;
using Spps.Workspace.Projects;
using Spps.Workspace.Storage;

namespace Spps.JobManager.HsmTasks;

/// <summary><c>export_job_report</c> (ours): a task's production, as the statuses imported into it tell, in one HTML file.</summary>
public sealed class JobReportService(ProjectContext workspace, HsmTaskService tasks, TimeProvider clock)
{
    public string Export(string jobName, string taskName, string file, string currentFolder, Action<string> warn, Action<string> info)
    {
        var (_, task) = tasks.Find(jobName, taskName);
        var path = Path.GetFullPath(file, currentFolder);
        if (Directory.Exists(path) || Path.EndsInDirectorySeparator(file))
        {
            throw new DomainException($"file: Invalid argument value: '{file}' (expecting the path of a file; this names a folder).", "BADVALUE", "-file", file);
        }

        Writable.Check(path);
        var devices = task.Statuses.LastOrDefault() is { } last
            ? StatusDevices.Read(ProjectFiles.Resolve(workspace.RequireProject(), last.DevicesFile, $"the devices of job status {last.Sequence} of HSM task '{taskName}'",
                "import the status again"))
            : [];
        if (File.Exists(path))
        {
            warn($"Replacing the existing file '{path}'.");
        }

        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(JobReportHtml.Write(jobName, task, devices, clock.GetUtcNow())));
        info($"Wrote the production report of HSM task '{taskName}' of job '{jobName}' ({task.Statuses.Count} status(es), {devices.Count} device(s)) to '{path}'.");
        return path;
    }
}
