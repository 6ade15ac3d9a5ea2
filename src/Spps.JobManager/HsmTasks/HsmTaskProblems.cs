using Spps.JobManager.Jobs;
using Spps.Workspace;
using Spps.Workspace.Projects;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// What the HSM task commands rely on in a job read from a project file (part of <see cref="JobsSection.Problems"/>):
/// names, request types, states with what each state has recorded, and tickets a command of this version would store.
/// </summary>
internal static class HsmTaskProblems
{
    private static readonly string[] _requestTypes = [HsmTask.External, HsmTask.Internal];

    /// <summary>The problems of the tasks of <paramref name="job"/>; <paramref name="ticketIds"/> collects the ids seen so far in the project, which are unique across it.</summary>
    public static IEnumerable<string> Of(ProgrammingJob job, HashSet<string> ticketIds)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in job.HsmTasks)
        {
            if (!names.Add(task.Name) || !EntryName.IsValid(task.Name) || !_requestTypes.Contains(task.RequestType) || !Enum.IsDefined(task.State))
            {
                yield return $"the HSM task '{task.Name}' of request type '{task.RequestType}' in state '{task.State}' is not a task add_hsmtask_to_job makes (or its name is taken twice)";
                continue;
            }

            foreach (var problem in StateProblems(task).Concat(TicketProblems(job, task, ticketIds)))
            {
                yield return $"HSM task '{task.Name}': {problem}";
            }
        }
    }

    // What each state has recorded, and only that: a request from RequestExported on, a reply from ReplyBound on (both
    // for EXTERNAL tasks only), an exported file in Exported; tickets from HasTickets on.
    private static IEnumerable<string> StateProblems(HsmTask task)
    {
        if ((task.State == HsmTaskState.Created) != (task.Tickets.Count == 0))
        {
            yield return $"state {task.State} does not go with {task.Tickets.Count} tickets";
        }

        if (task.IsInternal && task.State is HsmTaskState.RequestExported or HsmTaskState.ReplyBound)
        {
            yield return $"an {HsmTask.Internal} task is never in state {task.State}";
        }

        // An INTERNAL task records its request and reply together when export_hsmtask first runs them, in any state
        // from HasTickets on; an EXTERNAL one records each at its own step.
        var requested = task.IsInternal ? task.RequestId is not null && task.State >= HsmTaskState.HasTickets : task.State >= HsmTaskState.RequestExported;
        if (requested != (task.RequestId is not null) || requested != (task.RequestDigest is not null) || requested != (task.RequestFile is not null))
        {
            yield return $"in state {task.State}, requestId, requestDigest and requestFile are {(requested ? "required" : "not recorded yet")}";
        }

        var replied = task.IsInternal ? requested : task.State >= HsmTaskState.ReplyBound;
        if (replied != (task.MHsmUuid is not null) || replied != (task.ReplyFile is not null))
        {
            yield return $"in state {task.State}, mHsmUuid and replyFile are {(replied ? "required" : "not recorded yet")}";
        }

        var exported = task.State >= HsmTaskState.Exported;
        if (exported != (task.ExportedFile is not null) || (!exported && task.ExportedTargets.Count > 0))
        {
            yield return $"in state {task.State}, exportedFile is {(exported ? "required" : "not recorded yet")}, and exportedTargets {(exported ? "may be" : "are not")} recorded";
        }

        // Statuses from Producing on; the task has Ended exactly when its last status states the end.
        var producing = task.State >= HsmTaskState.Producing;
        if (producing != (task.Statuses.Count > 0) || (task.State == HsmTaskState.Ended) != (task.Statuses.LastOrDefault()?.Ended ?? false))
        {
            yield return $"in state {task.State}, {task.Statuses.Count} job status(es) {(task.Statuses.LastOrDefault()?.Ended ?? false ? "ending with the job's end" : "without the job's end")} cannot be recorded";
        }

        foreach (var problem in ValueProblems(task))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ValueProblems(HsmTask task)
    {
        if (task.RequestId is { } id && !HsmTaskValues.IsRequestId(id))
        {
            yield return $"the request id '{id}' is not {HsmTaskValues.RequestIdExpecting}";
        }

        if (task.RequestDigest is { } digest && !HsmTaskValues.IsDigest(digest))
        {
            yield return $"the request digest '{digest}' is not {HsmTaskValues.DigestExpecting}";
        }

        if (task.MHsmUuid is { } uuid && (!Guid.TryParse(uuid, out var parsed) || parsed.ToString("D", System.Globalization.CultureInfo.InvariantCulture) != uuid))
        {
            yield return $"the M-HSM UUID '{uuid}' is not a UUID in canonical form";
        }

        foreach (var (field, path) in new[] { ("requestFile", task.RequestFile), ("replyFile", task.ReplyFile) })
        {
            if (path is not null && ProjectFiles.Problem(path) is { } problem)
            {
                yield return $"{field} '{path}' {problem}";
            }
        }

        if (task.ExportedFile is { } exported && (exported.Length == 0 || exported != Path.GetFileName(exported)))
        {
            yield return $"exportedFile '{exported}' is not a file name without folder";
        }

        foreach (var problem in StatusFileProblems.Of(task))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> TicketProblems(ProgrammingJob job, HsmTask task, HashSet<string> ticketIds)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var uses = new HashSet<(string, string)>();
        foreach (var ticket in task.Tickets)
        {
            if (!names.Add(ticket.Name) || !EntryName.IsValid(ticket.Name) || !uses.Add((ticket.Device, ticket.Action)))
            {
                yield return $"the ticket '{ticket.Name}' for {ticket.Action} on '{ticket.Device}' repeats a ticket name or a device and action, or its name is not valid";
            }

            if (!HsmTaskValues.IsTicketId(ticket.TicketId) || !ticketIds.Add(ticket.TicketId))
            {
                yield return $"the id '{ticket.TicketId}' of ticket '{ticket.Name}' is not 32 lower-case hex digits, or another ticket of the project has it";
            }

            if (job.Find(ticket.Device) is not { Kind: ChainDeviceKind.Target, DataName: not null })
            {
                yield return $"ticket '{ticket.Name}' is for '{ticket.Device}', which is not a target of the job programmed from Programming Data";
            }

            if (!TicketAction.Allowed(job).Contains(ticket.Action) || !DeviceLimit.IsValid(ticket.MaxDevices))
            {
                yield return $"ticket '{ticket.Name}' authorises '{ticket.Action}' for {DeviceLimit.Text(ticket.MaxDevices)} devices " +
                             $"(expecting one of {string.Join(", ", TicketAction.Allowed(job))}, for 1 to {DeviceLimit.Highest} devices or {DeviceLimit.Unlimited})";
            }
        }
    }
}
