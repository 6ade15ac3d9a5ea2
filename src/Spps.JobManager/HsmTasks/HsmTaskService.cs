using System.Security.Cryptography;
using Spps.Devices;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace;
using Spps.Workspace.Projects;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// The HSM tasks of the project's jobs and their tickets (command reference 15.4.8.5.1), and the steps of a task's
/// state machine the handshake and export commands go through. Every input is checked before the project changes;
/// each change is one update of the jobs section, so a refused command leaves the project as it was.
/// </summary>
public sealed partial class HsmTaskService(ProjectContext workspace, JobService jobs, ProgrammingDataStore programmingData)
{
    /// <summary><c>add_hsmtask_to_job</c>: a new task, without tickets, whose request is executed as <paramref name="requestType"/> says.</summary>
    public HsmTask AddTask(string jobName, string taskName, string requestType)
    {
        var job = jobs.Job(jobName);
        EntryName.Require(taskName, "-hsmtask_name");

        if (job.FindTask(taskName) is not null)
        {
            throw new DomainException($"Job '{jobName}' already has an HSM task '{taskName}'; task names are unique in a job.", "TASKEXISTS", taskName);
        }

        var canonical = new[] { HsmTask.External, HsmTask.Internal }.FirstOrDefault(type => type.Equals(requestType, StringComparison.OrdinalIgnoreCase))
                        ?? throw new DomainException(
                            $"m_request_type: Invalid argument value: '{requestType}' (expecting {HsmTask.Internal} or {HsmTask.External}).", "BADVALUE", "-m_request_type", requestType);
        var task = new HsmTask { Name = taskName, RequestType = canonical };
        workspace.RequireProject().Update<JobsSection>(section => section.Find(jobName)!.HsmTasks.Add(task));
        return task;
    }

    /// <summary>
    /// <c>new_hsmtask_ticket</c>: a ticket for one action on one target of the job programmed from Programming Data of
    /// the HSM flow, with a fresh random id. A limit the target's protocol cannot enforce is kept, with a warning.
    /// </summary>
    public HsmTicket NewTicket(string jobName, string taskName, string ticketName, string deviceName, string action, string maxDevice, Action<string> warn)
    {
        var (job, task) = Find(jobName, taskName);
        if (task.HasSentRequest)
        {
            throw WrongStep(job, task,
                "the request already lists the tickets; a ticket added now would not be known to the M-HSM. Add another task (add_hsmtask_to_job) for more tickets.");
        }

        EntryName.Require(ticketName, "-ticket_name");

        if (task.FindTicket(ticketName) is not null)
        {
            throw new DomainException($"HSM task '{taskName}' of job '{jobName}' already has a ticket '{ticketName}'; ticket names are unique in a task.", "TICKETEXISTS", ticketName);
        }

        var bitstream = TicketBitstream(job, deviceName);
        var canonicalAction = TicketAction.Parse(action, job);
        if (task.Tickets.Find(ticket => ticket.Device == deviceName && ticket.Action == canonicalAction) is { } first)
        {
            throw new DomainException(
                $"HSM task '{taskName}' of job '{jobName}' already has ticket '{first.Name}' for {canonicalAction} on device '{deviceName}'; a task holds one ticket per device and action.",
                "TICKETEXISTS", first.Name);
        }

        var limit = DeviceLimit.Parse(maxDevice);
        var ticket = new HsmTicket
        {
            Name = ticketName, TicketId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Device = deviceName, Action = canonicalAction, MaxDevices = limit,
        };
        workspace.RequireProject().Update<JobsSection>(section =>
        {
            var stored = section.Find(jobName)!.FindTask(taskName)!;
            stored.Tickets.Add(ticket);
            stored.State = HsmTaskState.HasTickets;
        });
        if (limit is { } max && !DeviceLimit.CountingProtocols.Contains(bitstream.Protocol))
        {
            warn($"Ticket '{ticketName}' of HSM task '{taskName}' limits {canonicalAction} to {DeviceLimit.Text(max)} devices, but bitstream '{bitstream.Name}' of device '{deviceName}' " +
                 $"uses {(bitstream.Protocol is { } protocol ? $"the {protocol} protocol" : "no protocol")}, which cannot count devices: the limit will not be enforced " +
                 $"(only {string.Join(", ", DeviceLimit.CountingProtocols.SkipLast(1))} and {DeviceLimit.CountingProtocols[^1]} can).");
        }

        return ticket;
    }

    /// <summary>A job and one of its tasks, or the error naming what is missing.</summary>
    public (ProgrammingJob Job, HsmTask Task) Find(string jobName, string taskName)
    {
        var job = jobs.Job(jobName);
        var task = job.FindTask(taskName) ?? throw new DomainException(
            $"Job '{jobName}' has no HSM task '{taskName}' (its tasks: {(job.HsmTasks.Count == 0 ? "none; add one with add_hsmtask_to_job" : string.Join(", ", job.TaskNames()))}).",
            "NOTASK", taskName);
        return (job, task);
    }

    /// <summary>The Programming Data and bitstream a ticket of <paramref name="job"/> authorises, checked as when the ticket was made.</summary>
    public (ProgrammingDataEntry Data, BitstreamEntry Bitstream) TicketTarget(ProgrammingJob job, HsmTicket ticket)
    {
        var bitstream = TicketBitstream(job, ticket.Device);
        return (programmingData.Entry(job.Find(ticket.Device)!.DataName!), bitstream);
    }

    // The bitstream a ticket for the device authorises: the device must be a target programmed from Programming Data
    // of the HSM flow, the only programming whose secrets the M-HSM holds.
    private BitstreamEntry TicketBitstream(ProgrammingJob job, string deviceName)
    {
        var device = job.Find(deviceName) ?? throw new DomainException(
            $"Job '{job.Name}' has no device '{deviceName}' (its targets: {Targets(job)}).", "NODEVICE", deviceName);
        if (device.Kind != ChainDeviceKind.Target)
        {
            throw new DomainException(
                $"Device '{deviceName}' of job '{job.Name}' is left in BYPASS: a ticket authorises an action on a device the job programs (its targets: {Targets(job)}).",
                "NOTTARGET", deviceName);
        }

        if (device.DataName is not { } dataName)
        {
            throw new DomainException(
                $"Device '{deviceName}' of job '{job.Name}' is programmed from the STAPL file '{device.SourceFile}': if an external bit stream file has been loaded in the device, " +
                "it cannot be programmed using HSM, and tickets cannot be created. Add the device from Programming Data of the HSM flow (-data_name, -bitstream_name).",
                "EXTERNALFILE", deviceName);
        }

        var entry = programmingData.Entry(dataName);
        if (!entry.IsHsmFlow)
        {
            throw new DomainException(
                $"Device '{deviceName}' of job '{job.Name}' is programmed from Programming Data '{dataName}', which is in the non-HSM flow: tickets are for the HSM flow, " +
                "whose keys the M-HSM applies. Use Programming Data made with -keyset_file.", "NONHSM", deviceName);
        }

        return BitstreamService.Bitstream(entry, device.BitstreamName!);
    }

    private static string Targets(ProgrammingJob job) =>
        job.Devices.Where(device => !device.IsBypassed).Select(device => device.Name).ToList() is { Count: > 0 } targets
            ? string.Join(", ", targets)
            : "none; add one with add_microsemi_prog_device";

    // A step the task's state does not allow: the message names the job, the task and the state, then why and what to do.
    private static DomainException WrongStep(ProgrammingJob job, HsmTask task, string why) =>
        new($"HSM task '{task.Name}' of job '{job.Name}' is in state {task.State}: {why}", "TASKSTATE", task.Name, task.State.ToString());
}
