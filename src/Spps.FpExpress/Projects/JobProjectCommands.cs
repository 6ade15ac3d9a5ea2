using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.FpExpress.Projects;

/// <summary>FlashPro Express's job project commands: a project made from a job file, opened, saved and closed.</summary>
public static class JobProjectCommands
{
    public const string Area = "Job Project";

    public static IReadOnlyList<CommandSpec> Create(JobProjectService projects) =>
    [
        new("create_job_project", Area, "Creates a job project from a job file the Job Manager exported, and opens it.",
        [
            OptionSpec.Path("job_project_location", "path", "The job project folder: it gets <job name>.pro and the job's copy.", required: true),
            OptionSpec.File("job_file", "file", "The job file (.job), with or without an HSM task.", required: true),
            OptionSpec.Boolean("overwrite", "1 replaces a job project of this job already in the folder (and its production record).", defaultValue: "FALSE"),
        ], (context, options) =>
        {
            var project = projects.Create(options.Text("job_project_location"), options.Text("job_file"), options.IsTrue("overwrite"),
                Directory.GetCurrentDirectory(), context.Warning);
            context.Info($"Created job project '{project.Name}' ('{project.FilePath}'): {Summary(project)}.");
            return project.FilePath;
        })
        {
            Example = """
            create_job_project -job_project_location production_line \
                -job_file jobs/board_production.job -overwrite 1
            """,
            Description = "Any job we export is accepted: a job without an HSM task, or an HSM job, which must be bound to this program's M-HSM " +
                          "(set_hsm_params -m_hsm_uuid). Every target's action is PROGRAM until set_programming_action changes it. " +
                          "The project stays locked against other fpexpress processes until closed. The result is the project file's path.",
        },
        new("open_project", Area, "Opens a job project.",
        [
            OptionSpec.File("project", "file", "The job project file (.pro).", required: true),
        ], (context, options) =>
        {
            var project = projects.Open(options.Text("project"), Directory.GetCurrentDirectory(), context.Warning);
            context.Info($"Opened job project '{project.Name}' ('{project.FilePath}'): {Summary(project)}.");
            return project.FilePath;
        })
        {
            Example = """
            open_project -project production_line/Board.pro
            """,
            Description = "The job's copy in the project folder must be the job the project was created from (its SHA-256 is recorded); " +
                          "an HSM job must be bound to this program's M-HSM.",
        },
        new CommandSpec("set_programming_action", Area, "Selects the programming action of a target of the job.",
        [
            OptionSpec.EntryName("name", "device_name", "The target's device name; required when the job has more than one target."),
            OptionSpec.Text("action", "action", $"One of {string.Join(", ", ProgrammingActions.All)}.", required: true),
        ], (context, options) =>
        {
            var target = projects.SetAction(options.OptionalText("name"), options.Text("action"));
            var action = projects.RequireProject().ActionOf(target);
            context.Info($"Device '{target.DeviceName}': action {action}.");
            return action;
        })
        {
            Example = """
            set_programming_action -name Controller -action PROGRAM
            """,
            Description = "PROGRAM, ERASE and VERIFY of a ticketed target of an HSM job are authorised and counted by the M-HSM, one ticket use per device. " +
                          "The choice is part of the project (save_project). The result is the action selected.",
        }.Needing(Preconditions.OpenJobProject(projects)),
        new CommandSpec("save_project", Area, "Saves the job project's programming actions.", [], (context, _) =>
        {
            projects.Save();
            context.Info($"Saved job project '{projects.RequireProject().Name}'.");
            return string.Empty;
        })
        {
            Example = """
            save_project
            """,
        }.Needing(Preconditions.OpenJobProject(projects)),
        new CommandSpec("close_project", Area, "Closes the job project, with or without saving it.",
        [
            OptionSpec.Boolean("save", "TRUE saves the changes, FALSE discards them. Required when the project was modified."),
        ], (context, options) =>
        {
            var name = projects.RequireProject().Name;
            context.Info(projects.Close(options.OptionalBoolean("save")) switch
            {
                CloseOutcome.Saved => $"Saved and closed job project '{name}'.",
                CloseOutcome.Discarded => $"Closed job project '{name}'; its changes were discarded.",
                _ => $"Closed job project '{name}' (no changes).",
            });
            return string.Empty;
        })
        {
            Example = """
            close_project -save TRUE
            """,
            Description = "What runs did (each device's result, the CoCs, the job's end) is recorded as it happens and is never discarded.",
        }.Needing(Preconditions.OpenJobProject(projects)),
    ];

    private static string Summary(JobProject project) =>
        $"job '{project.Name}', {project.Job.Devices.Count} device(s) in the chain, target(s) {string.Join(", ", project.Job.Targets.Select(target => target.DeviceName))}" +
        (project.Job.HsmTaskName is { } task ? $", HSM task '{task}' of M-HSM {project.Job.BoundMHsmUuid}" : string.Empty);
}
