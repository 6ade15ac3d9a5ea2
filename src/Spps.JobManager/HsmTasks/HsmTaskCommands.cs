using Spps.JobManager.Jobs;
using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.JobManager.HsmTasks;

/// <summary>The HSM task area of the command reference (15.4.8.5.1), with <c>report_hsmtask</c> (ours).</summary>
public static class HsmTaskCommands
{
    public const string Area = "HSM Task";

    /// <summary>The area's commands, each needing an open project.</summary>
    public static IReadOnlyList<CommandSpec> Create(HsmTaskService service, JobService jobs, ProjectContext workspace) =>
        Commands(service, jobs).AllNeeding(Preconditions.OpenProject(workspace));

    private static IReadOnlyList<CommandSpec> Commands(HsmTaskService service, JobService jobs) =>
    [
        new("add_hsmtask_to_job", Area, "Adds an HSM task to a programming job, which makes it an HSM job.",
        [
            JobName(),
            TaskName("Name of the HSM task, unique in the job (letters, digits and '_')."),
            OptionSpec.Choice("m_request_type", [HsmTask.Internal, HsmTask.External],
                "INTERNAL: the Job Manager executes the request itself, with the same physical HSM as U-HSM and M-HSM; " +
                "EXTERNAL: the request is exported, processed by FlashPro Express's M-HSM, and its reply imported.", defaultValue: HsmTask.External),
        ], (context, options) =>
        {
            var task = service.AddTask(options.Text("job_name"), options.Text("hsmtask_name"), options.Text("m_request_type"));
            context.Info($"Added {task.RequestType} HSM task '{task.Name}' to job '{options.Text("job_name")}'.");
            return task.Name;
        })
        {
            Description = "A job with an HSM task is an HSM job: it is exported with export_hsmtask, not export_prog_job. An IHP job takes tasks like the others.",
        },
        new("new_hsmtask_ticket", Area, "Adds a job ticket to an HSM task: one action on one target, with its overbuild limit.",
        [
            JobName(),
            TaskName("Name of the HSM task in the job."),
            OptionSpec.Text("ticket_name", "ticket", "Name of the ticket, unique in the task (letters, digits and '_').", required: true),
            OptionSpec.Text("device", "device", "Target of the job the ticket is for, programmed from Programming Data of the HSM flow.", required: true),
            OptionSpec.Text("actions", "programming action | DEBUG", "PROGRAM, ERASE or VERIFY; DEBUG, the only action of a SmartDebug (SDebug) job's tickets.", required: true),
            OptionSpec.Text("max_device", "max", $"Overbuild protection: how many devices the ticket may serve, 1 to {DeviceLimit.Highest}, or unlimited.", required: true),
        ], (context, options) =>
        {
            var ticket = service.NewTicket(options.Text("job_name"), options.Text("hsmtask_name"), options.Text("ticket_name"), options.Text("device"),
                options.Text("actions"), options.Text("max_device"), context.Warning);
            context.Info($"Added ticket '{ticket.Name}' (id {ticket.TicketId}) to HSM task '{options.Text("hsmtask_name")}' of job '{options.Text("job_name")}': " +
                         $"{ticket.Action} on device '{ticket.Device}', {(ticket.MaxDevices is null ? "unlimited" : $"at most {DeviceLimit.Text(ticket.MaxDevices)} devices")}.");
            return ticket.TicketId;
        })
        {
            Description = "Returns the ticket's id (32 hex digits), by which the M-HSM and FlashPro Express list and remove it. A task holds one ticket per device and " +
                          "action, and takes no ticket once its request is exported. A target added from a STAPL file or from non-HSM Programming Data takes no ticket. " +
                          "VERIFY_DIGEST and ENC_DATA_AUTHENTICATION need no ticket: they use no protocol data of the M-HSM. The limit is enforced by the " +
                          "AUTH_CODE and UNIQUE_KEY protocols only; a limit on a bitstream of another protocol is kept with a warning that it will not be enforced.",
        },
        new("report_hsmtask", Area, "Shows a job's HSM tasks: request type, state, bound M-HSM and tickets (ours).",
        [
            JobName(),
            OptionSpec.Text("hsmtask_name", "task", "Only this task of the job."),
        ], (context, options) => HsmTaskReport.Print(service, jobs, options.Text("job_name"), options.OptionalText("hsmtask_name"), context))
        {
            Description = "Not in the command reference. Returns a dict: job_name, and tasks, a list of dicts (name, request_type, state, m_hsm_uuid, and tickets, " +
                          "a list of dicts with name, id, device, action and max_device).",
        },
    ];

    private static OptionSpec JobName() => OptionSpec.Text("job_name", "job", "Name of the programming job.", required: true);

    private static OptionSpec TaskName(string help) => OptionSpec.Text("hsmtask_name", "task", help, required: true);
}
