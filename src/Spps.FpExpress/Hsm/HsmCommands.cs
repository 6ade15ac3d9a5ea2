using Spps.Tcl;
using Spps.Tcl.Commands;
using Spps.Workspace.Settings;

namespace Spps.FpExpress.Hsm;

/// <summary>FlashPro Express's HSM command group, as far as the production side has it: the M-HSM, job requests and tickets.</summary>
public static class HsmCommands
{
    public const string Area = "HSM";

    public static IReadOnlyList<CommandSpec> Create(HsmParametersService parameters, ManufacturerHsmService hsm, SettingsStore settings)
    {
        var needsHsm = Preconditions.ManufacturerHsm(settings);
        return
        [
            new("set_hsm_params", Area, "Saves which M-HSM the HSM commands use; it stays in effect until set again.",
            [
                OptionSpec.Text("hsm_server_name", "hsm_server", "Name or IP address of the HSM server, with an optional :port; 'local' runs the M-HSM embedded.", required: true) with { AllowEmpty = true },
                OptionSpec.Boolean("hsm_type_u", "Deprecated, kept for FlashPro Express's scripts: TRUE a U-HSM's manufacturer features, FALSE (when not given) a Manufacturer HSM; " +
                    "every module here holds both roles, so it changes nothing."),
                OptionSpec.Text("m_hsm_uuid", "m_uuid", "Manufacturer HSM UUID: the module must be this one.", required: true),
            ], (context, options) =>
            {
                var saved = parameters.Set(options.Text("hsm_server_name"), options.OptionalBoolean("hsm_type_u"), options.Text("m_hsm_uuid"),
                    context.Info, context.Warning);
                context.Info($"HSM parameters saved to '{settings.FilePath}' (M-HSM {saved.MHsmUuid} on {saved.HsmServerName}).");
                return string.Empty;
            })
            {
                Example = """
                set_hsm_params -hsm_server_name local \
                    -m_hsm_uuid 0d7e8f2a-3b4c-4d5e-8f60-718293a4b5c6
                """,
                Description = "The module is reached and checked before anything is saved: 'local' is the embedded M-HSM in $FPEXPRESS_HOME/hsm, created on first " +
                              "use with the given m_hsm_uuid; a server is reached with the credential in $FPEXPRESS_HOME/hsm-credential (or SPPS_HSM_CREDENTIAL).",
            },
            new CommandSpec("process_job_request", Area, "Processes a job request from the Job Manager in the M-HSM and writes the job reply.",
            [
                OptionSpec.File("request_file", "job_request_file", "The job request container (hsmtask_m_request).", required: true),
                OptionSpec.Path("reply_file", "job_reply_file", "The job reply container to write (for hsmtask_m_reply).", required: true),
                OptionSpec.Boolean("overwrite_reply", "Replace an existing reply file.", defaultValue: "FALSE"),
            ], (context, options) =>
            {
                var (processed, replyPath) = hsm.ProcessJobRequest(options.Text("request_file"), options.Text("reply_file"), options.IsTrue("overwrite_reply"),
                    Directory.GetCurrentDirectory(), context.Info);
                context.Info($"Processed the job request {processed.RequestId}: {processed.Tickets.Count} ticket(s) stored in the M-HSM.");
                context.Info($"Wrote the job reply '{replyPath}'.");
                return replyPath;
            })
            {
                Example = """
                process_job_request -request_file cm1.req -reply_file cm1.rep
                """,
                Description = "The M-HSM checks the request's signature and that it never processed it before, stores its tickets and signs the reply. " +
                              "A refused request writes nothing; a request is processed once. The result is the reply file's path.",
            }.Needing(needsHsm),
            new CommandSpec("list_all_hsm_tickets", Area, "Lists every ticket the M-HSM holds.",
            [
                OptionSpec.Path("output_file", "output_file", "Also write the table to this file (replaced if it exists)."),
            ], (context, options) =>
            {
                var listing = hsm.ListTickets(options.OptionalText("output_file"), Directory.GetCurrentDirectory(), context.Info, context.Warning);
                context.Print(listing.Table.TrimEnd('\n'));
                if (listing.OutputFile is { } file)
                {
                    context.Info($"Wrote the ticket list to '{file}'.");
                }

                return context.List(listing.Tickets.Select(ticket => context.List(TicketTable.Fields(ticket).SelectMany(field => new[] { field.Key, field.Value }))));
            })
            {
                Example = """
                list_all_hsm_tickets
                """,
                Description = "The table shows each ticket's id, job, task, ticket name, device, action, limit (a number or unlimited) and devices used. " +
                              "The result is a list with one dict per ticket, with the keys ticket_id, job, task, ticket, device, die, action, max_devices, " +
                              "used, request_id, u_hsm_uuid and received.",
            }.Needing(needsHsm),
            new CommandSpec("remove_hsm_tickets", Area, "Removes tickets from the M-HSM; the jobs they serve can no longer run.",
            [
                OptionSpec.Text("ticket_ids", "ticket_ids", "The ids of the tickets to remove, a Tcl list of hex strings; without it every ticket is removed."),
                OptionSpec.Boolean("force", "Confirms removing every ticket when -ticket_ids is not given.", defaultValue: "FALSE"),
            ], (context, options) =>
            {
                var ids = options.OptionalText("ticket_ids") is { } list ? SplitIds(context.Interpreter, list) : null;
                var removed = hsm.RemoveTickets(ids, options.IsTrue("force"), context.Info);
                foreach (var id in removed.Ids)
                {
                    var record = removed.Records.FirstOrDefault(ticket => string.Equals(ticket.TicketId, id, StringComparison.OrdinalIgnoreCase));
                    context.Info(record is null
                        ? $"Removed ticket {id}."
                        : $"Removed ticket {id} (job {record.JobName}, task {record.TaskName}, ticket {record.TicketName}, device {record.Device}, action {record.Action}).");
                }

                if (removed.Ids.Count == 0)
                {
                    context.Info("The M-HSM holds no tickets; nothing was removed.");
                }

                return context.List(removed.Ids);
            })
            {
                Example = """
                remove_hsm_tickets -force TRUE
                """,
                Description = "An unknown id is refused and nothing is removed. No FlashPro Express project is needed. The result is the list of ids removed.",
            }.Needing(needsHsm),
        ];
    }

    private static IReadOnlyList<string> SplitIds(TclInterpreter interpreter, string list)
    {
        try
        {
            return interpreter.SplitList(list);
        }
        catch (TclErrorException)
        {
            throw CommandErrors.BadValue("ticket_ids", list, "a Tcl list of ticket ids");
        }
    }
}
