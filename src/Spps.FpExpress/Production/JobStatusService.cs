using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Production;

/// <summary>
/// get_job_status, and complete_prog_job (complete_debug_job for a debug job): the open HSM job's status as its M-HSM
/// signs it, with the CoCs this station collected, and the job's end, which removes its tickets from the M-HSM and adds
/// the signed Job End Certifier.
/// </summary>
public sealed class JobStatusService(JobProjectService projects, SettingsStore settings, HsmConnector connector, TimeProvider clock)
{
    /// <summary>
    /// The task's signed status; written to <paramref name="statusFile"/> when one is given (its path checked before the
    /// module is asked, and replaced with a warning when it exists).
    /// </summary>
    public JobStatusOutcome GetStatus(string? statusFile, string currentFolder, Action<string> info, Action<string> warn)
    {
        var (project, requestId) = HsmJob("get_job_status");
        var path = statusFile is null ? null : CheckedPath(statusFile, currentFolder, warn);
        var report = path is null
            ? Ask(project, "get the job status of", hsm => hsm.MakeJobStatus(requestId, Cocs(project, warn)), info)
            : AskInto(path, project, "get the job status of", hsm => hsm.MakeJobStatus(requestId, Cocs(project, warn)), info);
        return new JobStatusOutcome(report, DevicesLeft(report), path);
    }

    /// <summary>
    /// Ends the job in the M-HSM (refused there while a ticket has devices left, unless <paramref name="terminate"/>) and
    /// writes the final status with its Job End Certifier to <paramref name="statusFile"/>, or when none is given to
    /// <c>&lt;job name&gt;_end.status</c> in the project folder: the certifier is the only proof that the tickets are gone,
    /// so it is never thrown away. The project records the end; no ticketed action runs after it. A programming job is
    /// ended by complete_prog_job and a debug job by complete_debug_job (<paramref name="debugJob"/>), the same end.
    /// </summary>
    public JobStatusOutcome Complete(bool debugJob, string? statusFile, bool terminate, string currentFolder, Action<string> info, Action<string> warn)
    {
        var command = CompleteCommand(debugJob);
        projects.RequireProject().RequireKind(debugJob, command, CompleteCommand(!debugJob));
        var (project, requestId) = HsmJob(command);
        if (project.Recorder.Prepare(warn) is { } completed)
        {
            throw new DomainException(
                $"Job '{project.Name}' was already completed at {completed.Time:u}; its status with the Job End Certifier is '{completed.StatusFile}'.",
                "COMPLETED", project.Name);
        }

        var path = CheckedPath(statusFile ?? Path.Combine(project.Folder, project.Name + "_end.status"), currentFolder, warn);
        var report = AskInto(path, project, "complete", hsm => hsm.EndTask(requestId, terminate, Cocs(project, warn)), info);
        project.Recorder.Complete(new JobCompletion(clock.GetUtcNow(), terminate && DevicesLeft(report) > 0, path), warn);
        return new JobStatusOutcome(report, DevicesLeft(report), path);
    }

    /// <summary>The command that ends a debug job (SmartDebug's) or a programming job (FlashPro Express's).</summary>
    public static string CompleteCommand(bool debugJob) => debugJob ? "complete_debug_job" : "complete_prog_job";

    /// <summary>The devices the job can still run: the remaining count of every limited ticket, added up (unlimited tickets never run out).</summary>
    public static long DevicesLeft(JobStatusReport report) =>
        report.Tickets.Where(ticket => ticket.MaxDevices is not null).Sum(ticket => Math.Max(0, ticket.MaxDevices!.Value - ticket.Used));

    private (JobProject Project, string RequestId) HsmJob(string command)
    {
        var project = projects.RequireProject();
        if (project.Job.RequestId is not { } requestId)
        {
            throw new DomainException(
                $"Job '{project.Name}' has no HSM task: {command} reports and ends the tickets of an HSM job, and this job has none.", "NOHSMJOB", project.Name);
        }

        JobBinding.Check(project.Job, settings.Load(), project.FilePath);
        return (project, requestId);
    }

    private static string CheckedPath(string file, string currentFolder, Action<string> warn)
    {
        var path = Path.GetFullPath(file, currentFolder);
        Writable.Check(path);
        if (File.Exists(path))
        {
            warn($"Replacing the existing file '{path}'.");
        }

        return path;
    }

    // The record read whole: the one reading that needs every entry.
    private static IReadOnlyList<byte[]> Cocs(JobProject project, Action<string> warn) =>
        [.. ProductionRecord.Load(project.Folder, project.Name, warn).Cocs.Select(coc => coc.Coc)];

    // The status file is staged before the module is asked, and the report written into it: the module's sequence
    // number moves and an end removes the tickets, so a status that could not be written down would be lost for good.
    private JobStatusReport AskInto(string path, JobProject project, string what, Func<IManufacturerHsm, JobStatusReport> ask, Action<string> info)
    {
        JobStatusReport? report = null;
        AtomicFile.Write(path, stream =>
        {
            report = Ask(project, what, ask, info);
            stream.Write(report.Container);
        });
        return report!;
    }

    // The module's refusal, naming the job it was asked about (the module sees only the request id); its code is kept.
    private JobStatusReport Ask(JobProject project, string what, Func<IManufacturerHsm, JobStatusReport> ask, Action<string> info)
    {
        using var hsm = connector.ConnectManufacturer(info);
        try
        {
            return ask(hsm);
        }
        catch (HsmException error)
        {
            throw new HsmException(error.Code, $"Cannot {what} job '{project.Name}' (HSM task {project.Job.HsmTaskName}): {error.Message}");
        }
    }
}

/// <summary>A job status obtained: the M-HSM's signed report, the devices the job can still run, and the file it was written to.</summary>
public sealed record JobStatusOutcome(JobStatusReport Report, long DevicesLeft, string? StatusFile);
