using System.Text;
using Spps.JobManager.Jobs;
using Spps.Tcl.Commands;

namespace Spps.JobManager.HsmTasks;

/// <summary><c>report_hsmtask</c> (ours): a job's HSM tasks, their state and tickets, as tables and as a Tcl dict.</summary>
internal static class HsmTaskReport
{
    private static readonly string[] _columns = ["Ticket", "Id", "Device", "Action", "Max devices"];

    public static string Print(HsmTaskService service, JobService jobs, string jobName, string? taskName, CommandContext context)
    {
        var job = jobs.Job(jobName);
        IReadOnlyList<HsmTask> tasks = taskName is null ? job.HsmTasks : [service.Find(jobName, taskName).Task];
        var text = new StringBuilder($"Job:    {job.Name} ({job.Type}), {JobReport.Plural(job.HsmTasks.Count, "HSM task")}");
        if (job.HsmTasks.Count == 0)
        {
            text.Append("; add one with add_hsmtask_to_job");
        }

        foreach (var task in tasks)
        {
            text.Append($"\nTask:   {task.Name} ({task.RequestType}), state {task.State}, M-HSM {MHsm(task)}, {JobReport.Plural(task.Tickets.Count, "ticket")}");
            if (task.Tickets.Count > 0)
            {
                text.Append('\n').Append(JobReport.Table([_columns, .. task.Tickets.Select(Row)]));
            }

            foreach (var status in task.Statuses)
            {
                text.Append($"\nStatus: {Status(status, DebugUses(task, status))}");
            }
        }

        context.Print(text.ToString());
        return context.List(["job_name", job.Name, "tasks", context.List(tasks.Select(task => context.List([
            "name", task.Name, "request_type", task.RequestType, "state", task.State.ToString(), "m_hsm_uuid", task.MHsmUuid ?? string.Empty,
            "tickets", context.List(task.Tickets.Select(ticket => context.List([
                "name", ticket.Name, "id", ticket.TicketId, "device", ticket.Device, "action", ticket.Action, "max_device", DeviceLimit.Text(ticket.MaxDevices),
            ]))),
            "statuses", context.List(task.Statuses.Select(status => context.List([
                "sequence", JobStatusCommands.Number(status.Sequence), "created", StatusTime.Text(status.Created), "imported", StatusTime.Text(status.Imported),
                "used", JobStatusCommands.Number(status.Tickets.Sum(ticket => ticket.Used)), "debug_unlocks", JobStatusCommands.Number(DebugUses(task, status)),
                "coc_verdicts", context.List(status.CocVerdicts.SelectMany(pair => new[] { pair.Key, JobStatusCommands.Number(pair.Value) })),
                "ended", status.EndedAt is { } ended ? StatusTime.Text(ended) : string.Empty, "terminated", status.Terminated ? "1" : "0",
            ]))),
        ])))]);
    }

    // The uses of a status's DEBUG tickets: the debug unlocks the M-HSM allowed.
    private static long DebugUses(HsmTask task, ImportedStatus status) =>
        status.Tickets.Where(count => task.Tickets.Find(ticket => ticket.TicketId == count.TicketId)?.Action == TicketAction.Debug).Sum(count => count.Used);

    // One imported status in a line: its sequence and times, the devices served (the debug unlocks among them), the CoCs' verdicts, the end.
    private static string Status(ImportedStatus status, long debugUses) =>
        $"{status.Sequence}, made {StatusTime.Text(status.Created)}, imported {StatusTime.Text(status.Imported)}: {status.Tickets.Sum(ticket => ticket.Used)} use(s)" +
        (debugUses > 0 ? $" ({debugUses} DEBUG unlock(s))" : string.Empty) + ", CoCs " +
        status.VerdictSummary() +
        (status.EndedAt is { } ended ? $"; ended {StatusTime.Text(ended)}{(status.Terminated ? " (terminated)" : string.Empty)}, tickets deleted" : string.Empty);

    private static string[] Row(HsmTicket ticket) => [ticket.Name, ticket.TicketId, ticket.Device, ticket.Action, DeviceLimit.Text(ticket.MaxDevices)];

    // The module the task is bound to: the replying M-HSM of an EXTERNAL task; an INTERNAL task runs the Job Manager's own module.
    private static string MHsm(HsmTask task) => task.MHsmUuid ?? (task.IsInternal ? "the Job Manager's own (INTERNAL)" : "not bound");
}
