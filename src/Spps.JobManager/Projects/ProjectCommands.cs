using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Projects;

/// <summary>The Project Management area of the command reference (15.4.8.3).</summary>
public static class ProjectCommands
{
    public const string Area = "Project Management";

    public static IReadOnlyList<CommandSpec> Create(ProjectContext workspace) =>
    [
        new("new_project", Area, "Creates a new Job Manager project and opens it.",
        [
            OptionSpec.Path("location", "path", "Top level project directory; the project gets its own folder inside it.", required: true),
            OptionSpec.FileName("name", "file_name", "Project name: names the project folder and its .jprj file.", required: true),
        ], (context, options) =>
        {
            var project = workspace.NewProject(options.Text("location"), options.Text("name"), Directory.GetCurrentDirectory(), context.Warning);
            context.Info($"Created project '{project.Name}' in '{project.Folder}'.");
            return project.FilePath;
        })
        {
            Example = """
            new_project -location . -name FirstProject
            """,
            Description = "Creates <path>/<file_name>/<file_name>.jprj; fails if that project exists. The folder can be moved later: " +
                          "the project refers to its files only by relative paths.",
        },
        new("open_project", Area, "Opens an existing Job Manager project.",
        [
            OptionSpec.File("project", "path", "Path to the Job Manager project file (.jprj).", required: true),
        ], (context, options) =>
        {
            var project = workspace.OpenProject(options.Text("project"), Directory.GetCurrentDirectory(), context.Warning);
            context.Info($"Opened project '{project.Name}' ('{project.FilePath}').");
            return project.FilePath;
        })
        {
            Example = """
            open_project -project FirstProject/FirstProject.jprj
            """,
            Description = "One project is open at a time; the project stays locked against other Job Manager processes until closed.",
        },
        new CommandSpec("close_project", Area, "Closes the Job Manager project, with or without saving it.",
        [
            OptionSpec.Boolean("save", "TRUE saves the changes, FALSE discards them. Required when the project was modified."),
        ], (context, options) =>
        {
            var name = workspace.RequireProject().Name;
            var outcome = workspace.CloseProject(options.OptionalBoolean("save"));
            context.Info(outcome switch
            {
                CloseOutcome.Saved => $"Saved and closed project '{name}'.",
                CloseOutcome.Discarded => $"Closed project '{name}'; its changes were discarded.",
                _ => $"Closed project '{name}' (no changes).",
            });
            return string.Empty;
        })
        {
            Example = """
            close_project -save TRUE
            """,
        }.Needing(Preconditions.OpenProject(workspace)),
    ];
}
