using Spps.JobManager.Jobs;
using Spps.Tcl.Commands;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager.HsmTasks;

/// <summary>The HSM task area of the command reference (15.4.8.5.1), with <c>report_hsmtask</c> (ours).</summary>
public static class HsmTaskCommands
{
    public const string Area = "HSM Task";

    /// <summary>The area's commands, each needing an open project; the handshake's also an HSM.</summary>
    public static IReadOnlyList<CommandSpec> Create(HsmTaskService service, HsmHandshakeService handshake, HsmJobExportService hsmJobs, JobService jobs,
        ProjectContext workspace, SettingsStore settings) =>
        [
            .. Commands(service, jobs).AllNeeding(Preconditions.OpenProject(workspace)),
            .. Handshake(handshake, hsmJobs).AllNeeding(Preconditions.OpenProject(workspace)).AllNeeding(Preconditions.Hsm(settings)),
        ];

    private static IReadOnlyList<CommandSpec> Handshake(HsmHandshakeService handshake, HsmJobExportService hsmJobs) =>
    [
        new("hsmtask_m_request", Area, "Exports the job request of an EXTERNAL HSM task, signed by the U-HSM, for the manufacturer's M-HSM.",
        [
            JobName(),
            TaskName("Name of the HSM task for which the request is generated."),
            OptionSpec.Path("request_file", "path", "Full file name of the request container.", required: true),
        ], (context, options) => handshake.ExportRequest(options.Text("job_name"), options.Text("hsmtask_name"), options.Text("request_file"),
            Directory.GetCurrentDirectory(), context.Warning, context.Info).RequestId)
        {
            Example = """
            hsmtask_m_request -job_name Line1 -hsmtask_name CM1 -request_file cm1.req
            """,
            Description = "The request lists the task's tickets (ids, device, action, limit, protocol) and names the U-HSM. FlashPro Express's process_job_request " +
                          "processes it once on one M-HSM; import its reply with hsmtask_m_reply. A new request replaces the previous one until a reply is imported. " +
                          "Returns the request id.",
        },
        new("hsmtask_m_reply", Area, "Imports the M-HSM's reply to an EXTERNAL HSM task's request, binding the task to that M-HSM.",
        [
            JobName(),
            TaskName("Name of the task in the job."),
            OptionSpec.File("reply_file", "path", "Full file name of the container with the job reply.", required: true),
        ], (context, options) => handshake.ImportReply(options.Text("job_name"), options.Text("hsmtask_name"), options.Text("reply_file"),
            Directory.GetCurrentDirectory(), context.Info).MHsmUuid)
        {
            Example = """
            hsmtask_m_reply -job_name Line1 -hsmtask_name CM1 -reply_file cm1.rep
            """,
            Description = "The U-HSM checks that the reply answers this task's request and is signed by an M-HSM of its security world; a reply to another " +
                          "request, an altered one or a second reply is refused. Returns the UUID of the M-HSM the task is now bound to.",
        },
        new("export_hsmtask", Area, "Exports an HSM task as an HSM job for FlashPro Express, its secrets sealed to the bound M-HSM.",
        [
            JobName(),
            TaskName("Name of the HSM task to export."),
            OptionSpec.Path("location", "path", "Folder the job file is written to; created when missing.", required: true),
            OptionSpec.FileName("name", "file", "File name of the job; .job is added when missing (.ddc for a SmartDebug job, written as a debug job).", required: true),
        ], (context, options) => hsmJobs.Export(options.Text("job_name"), options.Text("hsmtask_name"), options.Text("location"), options.Text("name"),
            Directory.GetCurrentDirectory(), context.Warning, context.Info, context.Cancellation, context.Progress))
        {
            Example = """
            export_hsmtask -job_name Line1 -hsmtask_name CM1 -location jobs \
                -name Line1_CM1
            """,
            Description = "An EXTERNAL task is exported once its reply is imported (hsmtask_m_reply). Every target's bitstream is generated now; a ticketed " +
                          "target's (MASTER/Initiator or UEK1/2/3 update of the HSM flow) is encrypted under the task's KIP, and the keys and settings the " +
                          "M-HSM needs are sealed by the U-HSM to that M-HSM alone, with the target's tickets in the job description. An INTERNAL task's first " +
                          "export runs its request and reply on the embedded module's own M-HSM, which the settings' m_hsm_uuid must name. Returns the path of the job file.",
        },
    ];

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
            Example = """
            add_hsmtask_to_job -job_name Line1 -hsmtask_name CM1
            """,
            Description = "A job with an HSM task is an HSM job: it is exported with export_hsmtask, not export_prog_job. An IHP job takes tasks like the others.",
        },
        new("new_hsmtask_ticket", Area, "Adds a job ticket to an HSM task: one action on one target, with its overbuild limit.",
        [
            JobName(),
            TaskName("Name of the HSM task in the job."),
            OptionSpec.EntryName("ticket_name", "ticket", "Name of the ticket, unique in the task (letters, digits and '_').", required: true),
            OptionSpec.EntryName("device", "device", "Target of the job the ticket is for, programmed from Programming Data of the HSM flow.", required: true),
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
            Example = """
            new_hsmtask_ticket -job_name Line1 -hsmtask_name CM1 -ticket_name T_PROG \
                -device FPGA -actions PROGRAM -max_device 1000
            """,
            Description = "Returns the ticket's id (32 hex digits), by which the M-HSM and FlashPro Express list and remove it. A task holds one ticket per device and " +
                          "action, and takes no ticket once its request is exported. A target added from a STAPL file or from non-HSM Programming Data takes no ticket. " +
                          "VERIFY_DIGEST and ENC_DATA_AUTHENTICATION need no ticket: they use no protocol data of the M-HSM. The limit is enforced by the " +
                          "AUTH_CODE and UNIQUE_KEY protocols only; a limit on a bitstream of another protocol is kept with a warning that it will not be enforced.",
        },
        new("report_hsmtask", Area, "Shows a job's HSM tasks: request type, state, bound M-HSM and tickets (ours).",
        [
            JobName(),
            OptionSpec.EntryName("hsmtask_name", "task", "Only this task of the job."),
        ], (context, options) => HsmTaskReport.Print(service, jobs, options.Text("job_name"), options.OptionalText("hsmtask_name"), context))
        {
            Example = """
            report_hsmtask -job_name Line1
            """,
            Description = "Not in the command reference. Shows the job statuses imported (import_job_status) under each task. Returns a dict: job_name, and tasks, " +
                          "a list of dicts (name, request_type, state, m_hsm_uuid; tickets, a list of dicts with name, id, device, action and max_device; statuses, " +
                          "a list of dicts with sequence, created, imported, used, coc_verdicts, ended and terminated).",
        },
    ];

    private static OptionSpec JobName() => OptionSpec.EntryName("job_name", "job", "Name of the programming job.", required: true);

    private static OptionSpec TaskName(string help) => OptionSpec.EntryName("hsmtask_name", "task", help, required: true);
}
