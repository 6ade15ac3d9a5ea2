using Spps.JobManager.Application;
using Spps.JobManager.Jobs;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.JobManager.Projects;
using Spps.Tcl;
using Spps.Tcl.Commands;

namespace Spps.JobManager;

/// <summary>
/// The Job Manager inside one interpreter: every area's command table installed, and the workspace those
/// commands share. Dispose at the end of a run to release an open project.
/// </summary>
public sealed class JobManagerShell : IDisposable
{
    private readonly TclInterpreter _interpreter;

    private JobManagerShell(TclInterpreter interpreter, string homeFolder)
    {
        _interpreter = interpreter;
        var settings = new SettingsStore(homeFolder);
        Commands.Add(ApplicationCommands.Create(new ApplicationService(settings)));
        var connector = new HsmConnector(settings, homeFolder);
        Commands.Add(KeysetCommands.Create(new KeysetService(settings, connector)));
        Commands.Add(ProjectCommands.Create(Workspace));
        var programmingData = new ProgrammingDataService(Workspace, settings, connector);
        Commands.Add(ProgrammingDataCommands.Create(programmingData));
        Commands.Add(JobCommands.Create(new JobService(Workspace, programmingData)));
        Commands.Add(SpiDirectory.SpiDirectoryCommands.Create());
        Commands.InstallInto(interpreter);
    }

    public CommandRegistry Commands { get; } = new();

    public Workspace Workspace { get; } = new();

    public static JobManagerShell Install(TclInterpreter interpreter, string homeFolder) => new(interpreter, homeFolder);

    /// <summary>Releases a project still open; warns when its unsaved changes are dropped.</summary>
    public void Dispose()
    {
        if (Workspace.Abandon() is { } dropped)
        {
            _interpreter.Write(TclChannel.Stderr,
                $"Warning: Project '{dropped.Name}' was still open with unsaved changes, which were discarded. End scripts with close_project -save TRUE.\n");
        }
    }
}
