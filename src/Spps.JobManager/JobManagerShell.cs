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

    private JobManagerShell(TclInterpreter interpreter, string homeFolder, TimeProvider outputClock)
    {
        _interpreter = interpreter;
        var settings = new SettingsStore(homeFolder);
        Commands.Add(ApplicationCommands.Create(new ApplicationService(settings)));
        var connector = new HsmConnector(settings, homeFolder);
        Commands.Add(KeysetCommands.Create(new KeysetService(settings, connector, outputClock)));
        Commands.Add(ProjectCommands.Create(Workspace));
        var programmingData = new ProgrammingDataService(Workspace, settings, connector, outputClock);
        Commands.Add(ProgrammingDataCommands.Create(programmingData));
        Commands.Add(JobCommands.Create(new JobService(Workspace, programmingData, outputClock)));
        Commands.Add(SpiDirectory.SpiDirectoryCommands.Create());
        Commands.InstallInto(interpreter);
    }

    public CommandRegistry Commands { get; } = new();

    public Workspace Workspace { get; } = new();

    /// <param name="outputClock">The time every file a command writes records (<c>OutputClock.FromEnvironment</c>).</param>
    public static JobManagerShell Install(TclInterpreter interpreter, string homeFolder, TimeProvider outputClock) => new(interpreter, homeFolder, outputClock);

    /// <summary>
    /// Releases a project still open at the end of a run. When its unsaved changes are dropped it says so as a warning,
    /// which observers see too (so the LOGFILE has it), and returns true.
    /// </summary>
    public bool ReleaseProject()
    {
        if (Workspace.Abandon() is not { } dropped)
        {
            return false;
        }

        Commands.OutputContext(_interpreter).Warning(
            $"Project '{dropped.Name}' was still open with unsaved changes, which were discarded. End scripts with close_project -save TRUE.");
        return true;
    }

    /// <summary>
    /// Makes <c>exit</c> refuse once while the open project has unsaved changes, and leave the next time: at a prompt
    /// one hasty <c>exit</c> must not lose the work, and a second one says the user means it.
    /// </summary>
    public void RefuseFirstExitWithUnsavedChanges()
    {
        var refused = false;
        _interpreter.BeforeExit = () =>
        {
            if (refused || Workspace.Project is not { IsModified: true } project)
            {
                return;
            }

            refused = true;
            throw new JobManagerException(
                $"Project '{project.Name}' has unsaved changes. Save them with close_project -save TRUE or discard them with close_project -save FALSE; " +
                "type exit again to leave without saving.", "MODIFIED", project.Name);
        };
    }

    /// <summary>Releases a project still open (see <see cref="ReleaseProject"/>).</summary>
    public void Dispose() => ReleaseProject();
}
