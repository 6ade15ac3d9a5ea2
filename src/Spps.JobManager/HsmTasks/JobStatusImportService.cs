using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Hsm;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;
using Spps.JobManager.Jobs;
using Spps.JobManager.Keysets;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// <c>import_job_status</c>: a job status from the manufacturer, verified by the U-HSM and recorded in the task it
/// names. The status says which job and task it is; the task's request, reply, exported targets and keysets are the
/// project's; the U-HSM decides whether the status is the bound M-HSM's and what each CoC proves. Every check runs
/// before the project changes, so a refused status changes nothing.
/// </summary>
public sealed class JobStatusImportService(ProjectContext workspace, HsmTaskService tasks, KeysetRepository keysets, HsmConnector connector, TimeProvider clock)
{
    /// <summary>A status file is read whole up to the job status's own limit (docs/formats/job-status.md, "Size").</summary>
    public const long MaximumBytes = JobStatusFile.MaximumFileBytes;

    private const string Folder = "hsmtasks";

    /// <summary>
    /// Imports a status in three parts: reading it, its verification by the U-HSM, and its recording in the project.
    /// <paramref name="cancellation"/> stops it between parts; the project changes only in the last one.
    /// </summary>
    public ImportedJobStatus Import(string statusFile, string currentFolder, Action<string> info, CancellationToken cancellation = default,
        IProgress<WorkStep>? progress = null)
    {
        var steps = new WorkSteps($"Importing the job status '{Path.GetFileName(statusFile)}'", cancellation, progress) { Total = 3 };
        steps.Next("reading it");
        var path = Path.GetFullPath(statusFile, currentFolder);
        var bytes = InputFile.ReadAllBytes(path, "job status file", MaximumBytes);
        var heading = Refused(path, () => JobStatusFile.ReadHeading(bytes, $"job status file '{path}'"));
        var (job, task) = TaskOf(heading, path);
        var project = workspace.RequireProject();
        var check = new JobStatusCheck
        {
            Request = HsmJobExportService.ReadCopy(project, task.RequestFile!, $"the request of HSM task '{task.Name}'"),
            Reply = HsmJobExportService.ReadCopy(project, task.ReplyFile!, $"the reply of HSM task '{task.Name}'"),
            MHsmUuid = task.MHsmUuid!,
            Status = bytes,
            Targets = [.. task.ExportedTargets.Where(target => target.GenerateCoc).Select(target => CocTarget(job, task, target))],
        };
        steps.Next("its verification by the U-HSM");
        VerifiedJobStatus verified;
        using (var hsm = connector.ConnectUser(info))
        {
            verified = Refused(path, () => hsm.VerifyJobStatus(check));
        }

        steps.Next("recording it in the project");
        var devices = StatusDevices.Of(verified, task);
        var status = Summary(verified, clock.GetUtcNow());
        tasks.CheckStatusHistory(job.Name, task.Name, status, path); // before any copy is written
        var stem = $"{job.Name}_{task.Name}_status_{verified.Sequence}";
        status.StatusFile = ProjectFiles.Import(project, () => new MemoryStream(bytes, writable: false), ".status", Folder, stem);
        status.DevicesFile = ProjectFiles.Import(project, () => new MemoryStream(StatusDevices.ToBytes(devices), writable: false), ".json", Folder, stem + "_devices");
        tasks.RecordStatus(job.Name, task.Name, status, path);
        return new ImportedJobStatus(job.Name, task.Name, verified, devices, status);
    }

    // The task the status names, in the open project: its job and task by name, and its request id the task's own.
    private (ProgrammingJob Job, HsmTask Task) TaskOf(JobStatusHeading heading, string path)
    {
        var project = workspace.RequireProject();
        var job = project.Read<JobsSection>().Find(heading.JobName) ?? throw new DomainException(
            $"The job status file '{path}' is of job '{heading.JobName}', which project '{project.Name}' does not have: it is another project's status.",
            "NOTTHISPROJECT", path, heading.JobName);
        var task = job.FindTask(heading.TaskName) ?? throw new DomainException(
            $"The job status file '{path}' is of HSM task '{heading.TaskName}' of job '{job.Name}', which the job does not have (its tasks: {string.Join(", ", job.TaskNames())}).",
            "NOTASK", path, heading.TaskName);
        tasks.BeginStatus(job.Name, task.Name);
        if (task.RequestId != heading.RequestId)
        {
            throw new DomainException(
                $"The job status file '{path}' is of request {heading.RequestId}, and HSM task '{task.Name}' of job '{job.Name}' is request {task.RequestId}: " +
                "it is the status of another task of that name (another project's, or a task made again).", "NOTTHISTASK", path, heading.RequestId);
        }

        return (job, task);
    }

    private CocTarget CocTarget(ProgrammingJob job, HsmTask task, ExportedTarget target)
    {
        var ticket = task.Tickets.Find(candidate => candidate.Device == target.Name) ?? throw new DomainException(
            $"HSM task '{task.Name}' of job '{job.Name}' records the exported target '{target.Name}', for which it has no ticket; export the task again.", "CORRUPT", target.Name);
        var (data, _) = tasks.TicketTarget(job, ticket);
        return new CocTarget(target.Name, keysets.Read(data.KeysetFile!, "keyset_file").Keyset, [.. target.ComponentDigests.Select(Convert.FromHexString)]);
    }

    private static ImportedStatus Summary(VerifiedJobStatus verified, DateTimeOffset now) => new()
    {
        Sequence = verified.Sequence,
        Created = verified.Created,
        Imported = now,
        Tickets = [.. verified.Tickets.Select(ticket => new StatusTicketCount(ticket.TicketId, ticket.MaxDevices, ticket.Used, ticket.Remaining))],
        CocVerdicts = new(verified.Cocs.GroupBy(coc => coc.Verdict).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal), StringComparer.Ordinal),
        EndedAt = verified.End?.EndedAt,
        Terminated = verified.End?.Terminated ?? false,
    };

    // The HSM's refusal names the file it was about; its code is kept.
    private static T Refused<T>(string path, Func<T> verify)
    {
        try
        {
            return verify();
        }
        catch (HsmException error)
        {
            throw new HsmException(error.Code, $"The job status file '{path}' is refused: {error.Message}");
        }
    }
}

/// <summary>An imported status: the job and task it is of, what the U-HSM verified, its devices, and what the project recorded.</summary>
public sealed record ImportedJobStatus(string JobName, string TaskName, VerifiedJobStatus Verified, IReadOnlyList<DeviceVerdict> Devices, ImportedStatus Recorded);
