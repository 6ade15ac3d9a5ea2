using Spps.FpExpress.Debug;
using Spps.FpExpress.Hsm;
using Spps.FpExpress.Production;
using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Workspace.Settings;

namespace Spps.FpExpress;

/// <summary>
/// The production side's services wired together once on a home folder: what the shell's command tables call, and
/// what tests use without Tcl.
/// </summary>
public sealed class FpExpressServices : IDisposable
{
    public FpExpressServices(string homeFolder)
    {
        Settings = new SettingsStore(homeFolder, FpExpressShell.ProgramName);
        Connector = new HsmConnector(Settings, homeFolder);
        HsmParameters = new HsmParametersService(Settings, Connector);
        ManufacturerHsm = new ManufacturerHsmService(Connector);
        JobProjects = new JobProjectService(Settings);
        JobStatus = new JobStatusService(JobProjects, Settings, Connector, TimeProvider.System);
        Programmer = new ProgrammerService();
        ProductionRun = new ProductionRunService(JobProjects, Programmer, Settings, Connector, TimeProvider.System);
        Debug = new DebugService(JobProjects, Programmer, Settings, Connector, TimeProvider.System);
    }

    public SettingsStore Settings { get; }

    public HsmConnector Connector { get; }

    public HsmParametersService HsmParameters { get; }

    public ManufacturerHsmService ManufacturerHsm { get; }

    public JobProjectService JobProjects { get; }

    public JobStatusService JobStatus { get; }

    /// <summary>The virtual programmer and the board it holds.</summary>
    public ProgrammerService Programmer { get; }

    public ProductionRunService ProductionRun { get; }

    /// <summary>unlock_debug and read_debug_info on a debug job's targets.</summary>
    public DebugService Debug { get; }

    /// <summary>Releases the board held and a job project still open.</summary>
    public void Dispose()
    {
        Programmer.Dispose();
        JobProjects.Dispose();
    }
}
