using Spps.Formats.Files;
using Spps.JobManager.Application;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.JobManager.Projects;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting;
using Spps.Tcl;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager;

/// <summary>
/// The Job Manager inside one interpreter: every area's command table installed, and the workspace those
/// commands share. Dispose at the end of a run to release an open project.
/// </summary>
public sealed class JobManagerShell : IProgramShell
{
    private readonly TclInterpreter _interpreter;

    private JobManagerShell(TclInterpreter interpreter, ShellEnvironment environment)
    {
        _interpreter = interpreter;
        var services = new JobManagerServices(Workspace, environment.HomeFolder, environment.OutputClock);
        Commands.Add(ApplicationCommands.Create(services.Application));
        Commands.Add(KeysetCommands.Create(services.Keysets, services.Settings));
        Commands.Add(ProjectCommands.Create(Workspace));
        Commands.Add(ProgrammingDataCommands.Create(services.ProgrammingData, services.Bitstreams, Workspace));
        Commands.Add(JobCommands.Create(services.Jobs, Workspace));
        Commands.Add(HsmTaskCommands.Create(services.HsmTasks, services.Handshake, services.HsmJobs, services.Jobs, Workspace, services.Settings));
        Commands.Add(JobStatusCommands.Create(services.JobStatuses, services.JobReports, Workspace, services.Settings));
        Commands.Add(SpiDirectory.SpiDirectoryCommands.Create());
        Commands.InstallInto(interpreter);
    }

    public CommandRegistry Commands { get; } = new();

    public ProjectContext Workspace { get; } = new();

    public static JobManagerShell Install(TclInterpreter interpreter, ShellEnvironment environment) => new(interpreter, environment);

    /// <summary>
    /// Releases a project still open at the end of a run. When its unsaved changes are dropped it says so as a warning,
    /// which observers see too (so the LOGFILE has it), and returns true.
    /// </summary>
    public bool EndRun() => ProjectLeftOpen.ReportDropped(_interpreter, Commands, Workspace.Abandon());

    /// <summary>Makes <c>exit</c> refuse once while the open project has unsaved changes, and leave the next time.</summary>
    public void GuardInteractiveExit() => ProjectLeftOpen.GuardInteractiveExit(_interpreter, () => Workspace.Project);

    /// <summary>Names from the open project: its Programming Data, bitstreams, jobs, HSM tasks and devices (<see cref="ProjectNames"/>).</summary>
    public IReadOnlyList<string> CompletionNames(string command, string option) => ProjectNames.For(Workspace.Project, option);

    /// <summary>Releases a project still open (see <see cref="EndRun"/>).</summary>
    public void Dispose() => EndRun();
}
