using Spps.Devices;
using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.Tcl.Hosting;

/// <summary>
/// What every program's shell does with the project a run leaves open (docs/decisions.md, "A project left open at the
/// end of a run"): at the end it is released, with a warning when its unsaved changes are dropped; at a prompt the
/// first <c>exit</c> is refused while it has unsaved changes, and the next one leaves.
/// </summary>
public static class ProjectLeftOpen
{
    /// <summary>
    /// Warns that the changes of <paramref name="dropped"/> (a project released with unsaved changes, or null) were
    /// discarded, through the commands' output so that observers (the LOGFILE) have it too; true when there was one.
    /// </summary>
    public static bool ReportDropped(TclInterpreter interpreter, CommandRegistry commands, IOpenProject? dropped)
    {
        if (dropped is null)
        {
            return false;
        }

        commands.OutputContext(interpreter).Warning(
            $"{dropped.Label} was still open with unsaved changes, which were discarded. End scripts with close_project -save TRUE.");
        return true;
    }

    /// <summary>
    /// Makes <c>exit</c> refuse once while the open project has unsaved changes, and leave the next time: at a prompt
    /// one hasty <c>exit</c> must not lose the work, and a second one says the user means it.
    /// </summary>
    public static void GuardInteractiveExit(TclInterpreter interpreter, Func<IOpenProject?> openProject)
    {
        var refused = false;
        interpreter.BeforeExit = () =>
        {
            if (refused || openProject() is not { IsModified: true } project)
            {
                return;
            }

            refused = true;
            throw new DomainException(
                $"{project.Label} has unsaved changes. Save them with close_project -save TRUE or discard them with close_project -save FALSE; " +
                "type exit again to leave without saving.", "MODIFIED", project.Name);
        };
    }
}
