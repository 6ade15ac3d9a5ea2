using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;
using Spps.Hsm;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// <c>export_hsmtask</c>: the HSM job of a task bound to an M-HSM, in FlashPro Express's job container. Each ticketed
/// target's bitstream is made by the U-HSM from the project's copies of the task's request and reply, which it checks
/// again, with the secrets the M-HSM needs sealed to that M-HSM (docs/security.md, "HSM jobs"); the target's tickets
/// and sealed secrets go into the job description. Targets without a ticket are generated as export_prog_job does.
/// </summary>
public sealed class HsmJobExportService(ProjectContext workspace, HsmTaskService tasks, HsmHandshakeService handshake, JobService jobs, BitstreamService bitstreams,
    HsmConnector connector)
{
    /// <summary>
    /// Exports the task's HSM job. <paramref name="cancellation"/> stops it between targets (a target's sealing by the
    /// U-HSM, once begun, completes) and while the container is written; a cancelled export records nothing in the task
    /// beyond an INTERNAL task's request and reply, which its first export ran on the M-HSM (and which later exports use).
    /// </summary>
    public string Export(string jobName, string taskName, string location, string name, string currentFolder, Action<string> warn, Action<string> info,
        CancellationToken cancellation = default, IProgress<WorkStep>? progress = null)
    {
        var steps = new WorkSteps($"Exporting HSM task '{taskName}' of job '{jobName}'", cancellation, progress);
        var task = tasks.BeginExport(jobName, taskName);
        if (!task.IsInternal || task.RequestId is not null)
        {
            return Export(task, jobName, taskName, location, name, currentFolder, warn, info, steps);
        }

        cancellation.ThrowIfCancellationRequested(); // a Ctrl-C already given starts no handshake on the M-HSM
        handshake.RunInternal(jobName, taskName, info); // once: later exports use the same request, reply and tickets
        try
        {
            return Export(tasks.BeginExport(jobName, taskName), jobName, taskName, location, name, currentFolder, warn, info, steps);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new StepsKeptException(
                $"no job file was written; the request and reply of HSM task '{taskName}', run on the M-HSM before, stay recorded in the project and the next export uses them.",
                cancellation);
        }
    }

    private string Export(HsmTask task, string jobName, string taskName, string location, string name, string currentFolder, Action<string> warn, Action<string> info,
        WorkSteps steps)
    {
        var project = workspace.RequireProject();
        var request = ReadCopy(project, task.RequestFile!, $"the request of HSM task '{taskName}'");
        var reply = ReadCopy(project, task.ReplyFile!, $"the reply of HSM task '{taskName}'");
        string path;
        var exported = new List<ExportedTarget>();
        using (var hsm = connector.ConnectUser(info))
        {
            path = jobs.IsDebugJob(jobName)
                ? jobs.ExportDebugJob(jobName, taskName, location, name, currentFolder, target => SealDebug(jobName, task, target, new(request, reply), hsm, exported), warn, steps)
                : jobs.ExportHsmJob(jobName, taskName, location, name, currentFolder,
                    (target, created) => Generate(task, target, new(request, reply), hsm, created, exported, info), warn, steps);
        }

        tasks.RecordExport(jobName, taskName, path, exported);
        info($"Exported HSM task '{taskName}' of job '{jobName}' ({task.Tickets.Count} ticket(s), bound to M-HSM {task.MHsmUuid}) to '{path}'. " +
             "Only that M-HSM can open its secrets.");
        return path;
    }

    private (StaplImage Image, JobTicketData? Tickets) Generate(HsmTask task, ChainDevice target, (byte[] Request, byte[] Reply) handshake, IUserHsm hsm, DateTime created,
        List<ExportedTarget> exported, Action<string> info)
    {
        var tickets = task.Tickets.Where(ticket => ticket.Device == target.Name).ToList();
        if (tickets.Count == 0)
        {
            return (bitstreams.JobProgrammingImage(target.DataName!, target.BitstreamName!, target.Dsn, created, info), null);
        }

        var (image, sealedSecrets, digests) = bitstreams.HsmJobProgrammingImage(target.DataName!, target.BitstreamName!, target.Dsn, HsmTarget(task, target, tickets, handshake), hsm, created);
        exported.Add(digests);
        return (image, TicketData(task, tickets, sealedSecrets));
    }

    // A debug job's target: every one has DEBUG tickets in the task (a target without one could be unlocked by no one).
    private (DebugBitstreamInfo Bitstream, JobTicketData Tickets) SealDebug(string jobName, HsmTask task, ChainDevice target, (byte[] Request, byte[] Reply) handshake, IUserHsm hsm,
        List<ExportedTarget> exported)
    {
        var tickets = task.Tickets.Where(ticket => ticket.Device == target.Name).ToList();
        if (tickets.Count == 0)
        {
            throw new DomainException(
                $"Device '{target.Name}' of SmartDebug job '{jobName}' has no DEBUG ticket in HSM task '{task.Name}': a debug job unlocks each of its targets under a ticket. " +
                $"Add one with new_hsmtask_ticket -device {target.Name} -actions DEBUG in a new task.", "NOTICKET", target.Name);
        }

        var (bitstream, sealedSecrets) = bitstreams.DebugJobTarget(target.DataName!, target.BitstreamName!, HsmTarget(task, target, tickets, handshake), hsm);
        exported.Add(new ExportedTarget { Name = target.Name }); // a DEBUG target programs nothing: no CoC, no components
        return (bitstream, TicketData(task, tickets, sealedSecrets));
    }

    private static HsmJobTarget HsmTarget(HsmTask task, ChainDevice target, List<HsmTicket> tickets, (byte[] Request, byte[] Reply) handshake) =>
        new(target.Name, [.. tickets.Select(ticket => ticket.TicketId)], task.MHsmUuid!, handshake.Request, handshake.Reply);

    private static JobTicketData TicketData(HsmTask task, List<HsmTicket> tickets, byte[] sealedSecrets) =>
        new(task.RequestId!, task.MHsmUuid!, [.. tickets.Select(ticket => new JobTicket(ticket.TicketId, ticket.Name, ticket.Action, ticket.MaxDevices))], sealedSecrets);

    /// <summary>The project's copy of a task's request or reply container, checked unchanged since it was imported.</summary>
    internal static byte[] ReadCopy(ProjectSession project, string relative, string what) =>
        InputFile.ReadAllBytes(ProjectFiles.Resolve(project, relative, what, "import the reply again in a new task"), "project's copy of " + what, ContainerFile.MaximumWholePartBytes);
}
