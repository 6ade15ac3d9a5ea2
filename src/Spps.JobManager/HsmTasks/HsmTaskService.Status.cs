using System.Globalization;
using Spps.Devices;
using Spps.JobManager.Jobs;
using Spps.Workspace.Projects;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The status step of a task's state machine (<c>import_job_status</c>): a status is taken by an exported task, and
/// only when it is newer than every status imported before and no ticket's count goes down against them.
/// </summary>
public sealed partial class HsmTaskService
{
    /// <summary>The task a job status may be imported into: exported (or producing, or ended).</summary>
    public HsmTask BeginStatus(string jobName, string taskName)
    {
        var (job, task) = Find(jobName, taskName);
        CheckStatusStep(job, task);
        return task;
    }

    /// <summary>
    /// Checks a verified status against those imported before (<paramref name="statusFile"/> names it in the errors):
    /// newer, no count lower, and after an end only statuses that state the end.
    /// </summary>
    public void CheckStatusHistory(string jobName, string taskName, ImportedStatus status, string statusFile)
    {
        var (job, task) = Find(jobName, taskName);
        CheckStatusStep(job, task);
        CheckAgainstHistory(task, status, statusFile);
    }

    /// <summary>Stores an imported status: the task is Producing, or Ended when the status states the end.</summary>
    public void RecordStatus(string jobName, string taskName, ImportedStatus status, string statusFile)
    {
        CheckCopy(status.StatusFile, $"the job status {status.Sequence} of HSM task '{taskName}'");
        CheckCopy(status.DevicesFile, $"the devices of job status {status.Sequence} of HSM task '{taskName}'");
        Record(jobName, taskName, (job, task) =>
        {
            CheckStatusStep(job, task);
            CheckAgainstHistory(task, status, statusFile);
        }, task =>
        {
            task.Statuses.Add(status);
            task.State = status.Ended ? HsmTaskState.Ended : HsmTaskState.Producing;
        });
    }

    private static void CheckStatusStep(ProgrammingJob job, HsmTask task)
    {
        if (task.State < HsmTaskState.Exported)
        {
            throw WrongStep(job, task, "a job status tells how an exported HSM job ran at the manufacturer, and this task was not exported; export it first with export_hsmtask.");
        }
    }

    private static void CheckAgainstHistory(HsmTask task, ImportedStatus status, string statusFile)
    {
        if (task.Statuses.LastOrDefault() is not { } last)
        {
            return;
        }

        if (status.Sequence <= last.Sequence)
        {
            throw new DomainException(
                $"The job status file '{statusFile}' is status {status.Sequence} of HSM task '{task.Name}', and status {last.Sequence} was imported already: " +
                "a status older than (or the same as) one imported is refused. Ask the manufacturer for a new status (get_job_status).",
                "STALESTATUS", statusFile, status.Sequence.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var ticket in status.Tickets)
        {
            if (last.Tickets.Find(before => before.TicketId == ticket.TicketId) is { } before && ticket.Used < before.Used)
            {
                var name = task.Tickets.Find(candidate => candidate.TicketId == ticket.TicketId)?.Name ?? ticket.TicketId;
                throw new DomainException(
                    $"The job status file '{statusFile}' says ticket '{name}' served {ticket.Used} device(s), and status {last.Sequence}, imported before, said {before.Used}: " +
                    "a ticket's count never goes down, so this status is refused.", "COUNTDOWN", statusFile, name);
            }
        }

        if (last.Ended && !status.Ended)
        {
            throw new DomainException(
                $"The job status file '{statusFile}' states no end of HSM task '{task.Name}', whose end status {last.Sequence} was imported: every later status of an ended task carries its Job End Certifier.",
                "NOTENDED", statusFile);
        }
    }
}
