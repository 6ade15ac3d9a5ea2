using System.Globalization;
using Spps.FpExpress.Hsm;
using Spps.FpExpress.Projects;
using Spps.Hsm.Protocol;
using Spps.Tcl.Commands;

namespace Spps.FpExpress.Production;

/// <summary>FlashPro Express's production commands on the open job project: the job's status and its end.</summary>
public static class ProductionCommands
{
    public const string Area = "Production";

    public static IReadOnlyList<CommandSpec> Create(JobStatusService status, JobProjectService projects)
    {
        var needsProject = Preconditions.OpenJobProject(projects);
        return
        [
            new CommandSpec("get_job_status", Area, "Shows the HSM job's tickets as its M-HSM counts them; returns the number of devices left.",
            [
                OptionSpec.Path("job_status_file", "file", "Also write the job status container the M-HSM signs (replaced if it exists)."),
            ], (context, options) =>
            {
                var outcome = status.GetStatus(options.OptionalText("job_status_file"), Directory.GetCurrentDirectory(), context.Info, context.Warning);
                Report(context, outcome);
                return outcome.DevicesLeft.ToString(CultureInfo.InvariantCulture);
            })
            {
                Example = """
                get_job_status -job_status_file Line1_CM1_1.status
                """,
                Description = "The status (spps-job-status, signed by the M-HSM) holds the job and task, a sequence number one higher at every status, " +
                              "each ticket's max, used and remaining devices, the uses recorded and the CoCs this job project collected. " +
                              "The result is the devices left: the remaining devices of every limited ticket, added up (unlimited tickets never run out).",
            }.Needing(needsProject),
            Complete(status, projects, needsProject, debugJob: false,
                OptionSpec.Boolean("terminate", "TRUE ends the job even though devices remain.", defaultValue: "FALSE")),
            Complete(status, projects, needsProject, debugJob: true,
                OptionSpec.Flag("terminate", "Ends the job even though devices remain (a flag, as SmartDebug's).")),
        ];
    }

    // complete_prog_job (FlashPro Express: -terminate TRUE|FALSE) and complete_debug_job (SmartDebug: -terminate a
    // flag) end a job the same way; each refuses the other kind of job.
    private static CommandSpec Complete(JobStatusService status, JobProjectService projects, CommandPrecondition needsProject, bool debugJob, OptionSpec terminate) =>
        new CommandSpec(JobStatusService.CompleteCommand(debugJob), Area,
            $"Ends the HSM {(debugJob ? "debug job" : "job")}: its tickets leave the M-HSM and the status gets a signed Job End Certifier.",
        [
            OptionSpec.Path("job_status_file", "file", "Where to write the final job status; by default <job name>_end.status in the project folder."),
            terminate,
        ], (context, options) =>
        {
            var outcome = status.Complete(debugJob, options.OptionalText("job_status_file"), options.IsTrue("terminate"), Directory.GetCurrentDirectory(),
                context.Info, context.Warning);
            Report(context, outcome);
            context.Info($"Job '{projects.RequireProject().Name}' is complete: its tickets are removed from the M-HSM; no ticketed action of it runs any more.");
            return outcome.StatusFile!;
        })
        {
            Example = debugJob
                ? "complete_debug_job -job_status_file Line1_DBG1_end.status -terminate"
                : "complete_prog_job -job_status_file Line1_CM1_end.status -terminate TRUE",
            Description = $"Refused while a limited ticket has devices left, unless -terminate{(debugJob ? string.Empty : " TRUE")}. " +
                          $"Ends {(debugJob ? "a debug job (.ddc); complete_prog_job ends a programming job" : "a programming job (.job); complete_debug_job ends a debug job")}. " +
                          "The result is the status file's path.",
        }.Needing(needsProject);

    private static void Report(CommandContext context, JobStatusOutcome outcome)
    {
        foreach (var ticket in outcome.Report.Tickets)
        {
            context.Info($"Ticket {ticket.TicketName} ({ticket.Action}, device {ticket.Device}): max {TicketTable.Max(ticket)}, used {ticket.Used}, remaining {Remaining(ticket)}.");
        }

        context.Info($"Job status {outcome.Report.Sequence}{(outcome.Report.Ended ? " with the Job End Certifier" : string.Empty)}: {outcome.DevicesLeft} device(s) left.");
        if (outcome.StatusFile is { } file)
        {
            context.Info($"Wrote the job status '{file}'.");
        }
    }

    private static string Remaining(TicketRecord ticket) =>
        ticket.MaxDevices is { } max ? Math.Max(0, max - ticket.Used).ToString(CultureInfo.InvariantCulture) : TicketTable.Unlimited;
}
