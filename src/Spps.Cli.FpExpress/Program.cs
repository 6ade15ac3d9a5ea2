using Spps.FpExpress;
using Spps.Tcl.Hosting;
using Spps.Workspace;

namespace Spps.Cli.FpExpress;

/// <summary>The <c>fpexpress</c> program: the production side's commands on the shared runner, its settings in <c>$FPEXPRESS_HOME</c>.</summary>
internal static class Program
{
    public static int Main(string[] args) => ProgramRunner.Run(args, new ProgramDefinition
    {
        Name = FpExpressShell.ProgramName,
        ProductName = FpExpressShell.ProductName,
        Version = ProgramIdentity.Version,
        Summary = "Runs FlashPro Express Tcl scripts on the production side (the HSM command group).",
        HomeVariable = FpExpressShell.HomeVariable,
        HomeFolder = new ProgramHome(FpExpressShell.HomeVariable, FpExpressShell.ProgramName).Folder,
        InstallShell = FpExpressShell.Install,
    });
}
