using Spps.JobManager;
using Spps.JobManager.Application;
using Spps.Tcl.Hosting;
using Spps.Workspace;

namespace Spps.Cli.JobManager;

/// <summary>The <c>jobmanager</c> program: the Job Manager's commands on the shared runner, its settings in <c>$JOBMANAGER_HOME</c>.</summary>
internal static class Program
{
    public static int Main(string[] args) => ProgramRunner.Run(args, new ProgramDefinition
    {
        Name = "jobmanager",
        ProductName = SoftwareInfo.ProductName,
        Version = ProgramIdentity.Version,
        Summary = "Runs Job Manager Tcl scripts.",
        HomeVariable = "JOBMANAGER_HOME",
        HomeFolder = new ProgramHome("JOBMANAGER_HOME", "jobmanager").Folder,
        InstallShell = JobManagerShell.Install,
    });
}
