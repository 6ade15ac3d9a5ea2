using Spps.FpExpress.Debug;
using Spps.FpExpress.Hsm;
using Spps.FpExpress.Production;
using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Tcl;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting;

namespace Spps.FpExpress;

/// <summary>
/// FlashPro Express's production side inside one interpreter: its command tables installed on the services of one home
/// folder, and the job project those commands share. Dispose at the end of a run to release an open project.
/// </summary>
public sealed class FpExpressShell : IProgramShell
{
    public const string ProgramName = "fpexpress";
    public const string ProductName = "SPPS FlashPro Express (open implementation)";

    /// <summary>The environment variable naming the home folder (settings, embedded M-HSM).</summary>
    public const string HomeVariable = "FPEXPRESS_HOME";

    private readonly TclInterpreter _interpreter;
    private readonly FpExpressServices _services;

    private FpExpressShell(TclInterpreter interpreter, ShellEnvironment environment)
    {
        _interpreter = interpreter;
        _services = new FpExpressServices(environment.HomeFolder);
        Commands.Add(HsmCommands.Create(_services.HsmParameters, _services.ManufacturerHsm, _services.Settings));
        Commands.Add(JobProjectCommands.Create(_services.JobProjects));
        Commands.Add(ProductionCommands.Create(_services.JobStatus, _services.JobProjects));
        Commands.Add(ProgrammerCommands.Create(_services.Programmer, _services.ProductionRun, _services.JobProjects));
        Commands.Add(DebugCommands.Create(_services.Debug, _services.Programmer, _services.JobProjects));
        Commands.InstallInto(interpreter);
    }

    public CommandRegistry Commands { get; } = new();

    public static FpExpressShell Install(TclInterpreter interpreter, ShellEnvironment environment) => new(interpreter, environment);

    /// <summary>
    /// Releases a job project still open at the end of a run. When its unsaved changes (programming actions) are dropped
    /// it says so as a warning and returns true, so the run does not end as a success. What the run did to devices is
    /// never among them: the production record is written as it happens.
    /// </summary>
    public bool EndRun() => ProjectLeftOpen.ReportDropped(_interpreter, Commands, _services.JobProjects.Abandon());

    /// <summary>Makes <c>exit</c> refuse once while the open job project has unsaved changes, and leave the next time.</summary>
    public void GuardInteractiveExit() => ProjectLeftOpen.GuardInteractiveExit(_interpreter, () => _services.JobProjects.Project);

    /// <summary>
    /// The open job's targets for the options that name one (<c>set_programming_action -name</c>, the debug commands'
    /// <c>-device</c>), and the programming actions for <c>-action</c>.
    /// </summary>
    public IReadOnlyList<string> CompletionNames(string command, string option) => (command, option) switch
    {
        ("set_programming_action", "name") or (_, "device") =>
            [.. _services.JobProjects.Project?.Job.Targets.Select(target => target.DeviceName) ?? []],
        ("set_programming_action", "action") => ProgrammingActions.All,
        _ => [],
    };

    /// <summary>Releases a job project still open (see <see cref="EndRun"/>).</summary>
    public void Dispose()
    {
        EndRun();
        _services.Dispose();
    }
}
