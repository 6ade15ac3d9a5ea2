using Spps.Devices;
using Spps.JobManager.Jobs;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The steps of a task's state machine, for the handshake and export commands: each <c>Begin…</c> checks that the
/// task may take the step and returns it as it is; each <c>Record…</c> checks again and stores the step's outcome in
/// one update, so a command that fails between the two leaves the project as it was.
/// </summary>
public sealed partial class HsmTaskService
{
    /// <summary>
    /// <c>hsmtask_m_request</c> may run: the task is EXTERNAL, has a ticket, and is not bound to an M-HSM yet. A task
    /// whose request was exported may export a new one, which replaces it.
    /// </summary>
    public HsmTask BeginRequest(string jobName, string taskName)
    {
        var (job, task) = Find(jobName, taskName);
        CheckRequest(job, task);
        return task;
    }

    /// <summary>Stores the exported request: its id and digest, and the project's copy of its container.</summary>
    public void RecordRequest(string jobName, string taskName, string requestId, string requestDigest, string copiedRequestFile, Action<string> warn)
    {
        CheckValue(HsmTaskValues.IsRequestId(requestId), "request id", requestId, HsmTaskValues.RequestIdExpecting);
        CheckValue(HsmTaskValues.IsDigest(requestDigest), "request digest", requestDigest, HsmTaskValues.DigestExpecting);
        CheckCopy(copiedRequestFile, $"the request of HSM task '{taskName}'");
        string? replaced = null;
        Record(jobName, taskName, CheckRequest, task =>
        {
            replaced = task.RequestId;
            task.State = HsmTaskState.RequestExported;
            task.RequestId = requestId;
            task.RequestDigest = requestDigest.ToLowerInvariant();
            task.RequestFile = copiedRequestFile;
        });
        if (replaced is not null)
        {
            warn($"The new request {requestId} of HSM task '{taskName}' of job '{jobName}' replaces request {replaced}: a reply to {replaced} will be refused. " +
                 $"If an M-HSM has processed {replaced}, remove its tickets there (remove_hsm_tickets).");
        }
    }

    /// <summary><c>hsmtask_m_reply</c> may run: the task is EXTERNAL, its request was exported, and no reply is bound yet.</summary>
    public HsmTask BeginReply(string jobName, string taskName)
    {
        var (job, task) = Find(jobName, taskName);
        CheckReply(job, task);
        return task;
    }

    /// <summary>Stores the imported reply: the M-HSM it binds the task to, and the project's copy of its container.</summary>
    public void RecordReply(string jobName, string taskName, string mHsmUuid, string copiedReplyFile)
    {
        var uuid = HsmUuid.Normalize("m_hsm_uuid", mHsmUuid);
        CheckCopy(copiedReplyFile, $"the reply of HSM task '{taskName}'");
        Record(jobName, taskName, CheckReply, task =>
        {
            task.State = HsmTaskState.ReplyBound;
            task.MHsmUuid = uuid;
            task.ReplyFile = copiedReplyFile;
        });
    }

    /// <summary>
    /// Stores the request and reply an INTERNAL task's export ran on this module's own roles, once: a later export uses
    /// them again, so the module's tickets are made once, as an EXTERNAL task's are.
    /// </summary>
    public void RecordInternalHandshake(string jobName, string taskName, string requestId, string requestDigest, string copiedRequestFile,
        string mHsmUuid, string copiedReplyFile)
    {
        CheckValue(HsmTaskValues.IsRequestId(requestId), "request id", requestId, HsmTaskValues.RequestIdExpecting);
        CheckValue(HsmTaskValues.IsDigest(requestDigest), "request digest", requestDigest, HsmTaskValues.DigestExpecting);
        CheckCopy(copiedRequestFile, $"the request of HSM task '{taskName}'");
        CheckCopy(copiedReplyFile, $"the reply of HSM task '{taskName}'");
        var uuid = HsmUuid.Normalize("m_hsm_uuid", mHsmUuid);
        Record(jobName, taskName, CheckInternalHandshake, task =>
        {
            task.RequestId = requestId;
            task.RequestDigest = requestDigest.ToLowerInvariant();
            task.RequestFile = copiedRequestFile;
            task.MHsmUuid = uuid;
            task.ReplyFile = copiedReplyFile;
        });
    }

    /// <summary>
    /// <c>export_hsmtask</c> may run: an EXTERNAL task is bound by its reply, an INTERNAL one has a ticket. A task
    /// already exported may be exported again.
    /// </summary>
    public HsmTask BeginExport(string jobName, string taskName)
    {
        var (job, task) = Find(jobName, taskName);
        CheckExport(job, task);
        return task;
    }

    /// <summary>
    /// Stores that the task was exported as the HSM job <paramref name="exportedFile"/> (its name is kept, not its
    /// folder) with these ticketed targets. A task whose production has begun stays in its state.
    /// </summary>
    public void RecordExport(string jobName, string taskName, string exportedFile, IReadOnlyList<ExportedTarget> targets)
    {
        var name = Path.GetFileName(exportedFile);
        CheckValue(name.Length > 0, "exported file", exportedFile, "the path of a file");
        Record(jobName, taskName, CheckExport, task =>
        {
            task.State = task.State < HsmTaskState.Exported ? HsmTaskState.Exported : task.State;
            task.ExportedFile = name;
            task.ExportedTargets = [.. targets];
        });
    }

    // One update of the jobs section: the step is checked on the task as stored, then its outcome recorded.
    private void Record(string jobName, string taskName, Action<ProgrammingJob, HsmTask> check, Action<HsmTask> record)
    {
        Find(jobName, taskName);
        workspace.RequireProject().Update<JobsSection>(section =>
        {
            var job = section.Find(jobName)!;
            var task = job.FindTask(taskName)!;
            check(job, task);
            record(task);
        });
    }

    private static void CheckRequest(ProgrammingJob job, HsmTask task)
    {
        if (task.IsInternal)
        {
            throw InternalTask(job, task, "the request is executed internally by export_hsmtask, so there is no request to export (hsmtask_m_request is for EXTERNAL tasks).");
        }

        switch (task.State)
        {
            case HsmTaskState.Created:
                throw WrongStep(job, task, "a request lists the task's tickets, and it has none; add them first with new_hsmtask_ticket.");
            case >= HsmTaskState.ReplyBound:
                throw WrongStep(job, task,
                    $"its reply binds it to M-HSM {task.MHsmUuid}, which holds the tickets of the request it answered, so a new request is refused. Add another task for another request.");
        }
    }

    private static void CheckReply(ProgrammingJob job, HsmTask task)
    {
        if (task.IsInternal)
        {
            throw InternalTask(job, task, "the request is executed internally by export_hsmtask, so there is no reply to import (hsmtask_m_reply is for EXTERNAL tasks).");
        }

        switch (task.State)
        {
            case HsmTaskState.Created or HsmTaskState.HasTickets:
                throw WrongStep(job, task, "a reply answers the task's request, and none was exported; export it first with hsmtask_m_request.");
            case >= HsmTaskState.ReplyBound:
                throw WrongStep(job, task, $"it already holds the reply of M-HSM {task.MHsmUuid}; a second reply is refused.");
        }
    }

    private static void CheckInternalHandshake(ProgrammingJob job, HsmTask task)
    {
        CheckExport(job, task);
        if (!task.IsInternal || task.RequestId is not null)
        {
            throw WrongStep(job, task, "only an INTERNAL task's first export runs its request and reply on this module.");
        }
    }

    private static void CheckExport(ProgrammingJob job, HsmTask task)
    {
        switch (task.State)
        {
            case HsmTaskState.Created:
                throw WrongStep(job, task, "it has no ticket to export; add them first with new_hsmtask_ticket.");
            case HsmTaskState.HasTickets when !task.IsInternal:
                throw WrongStep(job, task,
                    "the HSM job can only be exported after importing the job reply: export the request (hsmtask_m_request), have the M-HSM process it, and import its reply (hsmtask_m_reply).");
            case HsmTaskState.RequestExported:
                throw WrongStep(job, task, $"the HSM job can only be exported after importing the job reply to request {task.RequestId} (hsmtask_m_reply).");
            case HsmTaskState.Ended:
                throw WrongStep(job, task,
                    $"its job ended: M-HSM {task.MHsmUuid} deleted its tickets, so a job exported now could not program a device. Add another task for more devices.");
        }
    }

    private static DomainException InternalTask(ProgrammingJob job, HsmTask task, string why) =>
        new($"HSM task '{task.Name}' of job '{job.Name}' is {HsmTask.Internal}: {why}", "TASKTYPE", task.Name, HsmTask.Internal);

    private static void CheckValue(bool valid, string what, string value, string expecting)
    {
        if (!valid)
        {
            throw new DomainException($"The {what} '{value}' is not valid (expecting {expecting}).", "BADVALUE", what, value);
        }
    }

    private void CheckCopy(string relative, string what) =>
        ProjectFiles.Resolve(workspace.RequireProject(), relative, what, "copy it into the project again");
}
