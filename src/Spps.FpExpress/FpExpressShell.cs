using Spps.FpExpress.Hsm;
using Spps.Tcl;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting;

namespace Spps.FpExpress;

/// <summary>
/// FlashPro Express's production side inside one interpreter: its command tables installed on the services of one home
/// folder. It holds nothing open between commands, so a run never ends with work to discard.
/// </summary>
public sealed class FpExpressShell : IProgramShell
{
    public const string ProgramName = "fpexpress";
    public const string ProductName = "SPPS FlashPro Express (open implementation)";

    /// <summary>The environment variable naming the home folder (settings, embedded M-HSM).</summary>
    public const string HomeVariable = "FPEXPRESS_HOME";

    private FpExpressShell(TclInterpreter interpreter, ShellEnvironment environment)
    {
        var services = new FpExpressServices(environment.HomeFolder);
        Commands.Add(HsmCommands.Create(services.HsmParameters, services.ManufacturerHsm, services.Settings));
        Commands.InstallInto(interpreter);
    }

    public CommandRegistry Commands { get; } = new();

    public static FpExpressShell Install(TclInterpreter interpreter, ShellEnvironment environment) => new(interpreter, environment);

    public bool EndRun() => false;

    public void GuardInteractiveExit()
    {
        // Nothing is held open between commands, so no exit can lose work.
    }

    public void Dispose()
    {
        // Every command releases what it opened (the HSM connection) before it returns.
    }
}
