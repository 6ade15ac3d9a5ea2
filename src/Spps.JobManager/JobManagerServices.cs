using Spps.Formats.Files;
using Spps.JobManager.Application;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager;

/// <summary>
/// The Job Manager's services wired together once, on a workspace, a home folder and the clock every exported file's
/// time comes from (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set): what the shell's command tables call, and
/// what tests and benchmarks use without Tcl.
/// </summary>
public sealed class JobManagerServices
{
    public JobManagerServices(ProjectContext workspace, string homeFolder, TimeProvider outputClock)
    {
        Workspace = workspace;
        Settings = new SettingsStore(homeFolder);
        Connector = new HsmConnector(Settings, homeFolder);
        KeysetRepository = new KeysetRepository(Settings);
        Application = new ApplicationService(Settings);
        Keysets = new KeysetService(KeysetRepository, Connector, outputClock);
        Store = new ProgrammingDataStore(workspace);
        ProgrammingData = new ProgrammingDataService(Store, KeysetRepository, Connector);
        Bitstreams = new BitstreamService(Store, KeysetRepository, Connector, outputClock);
        Jobs = new JobService(workspace, Store, Bitstreams, outputClock);
        HsmTasks = new HsmTaskService(workspace, Jobs, Store);
        Handshake = new HsmHandshakeService(workspace, HsmTasks, Settings, Connector);
        HsmJobs = new HsmJobExportService(workspace, HsmTasks, Handshake, Jobs, Bitstreams, Connector);
        JobStatuses = new JobStatusImportService(workspace, HsmTasks, KeysetRepository, Connector, TimeProvider.System);
        JobReports = new JobReportService(workspace, HsmTasks, outputClock);
    }

    public ProjectContext Workspace { get; }

    public SettingsStore Settings { get; }

    public HsmConnector Connector { get; }

    public KeysetRepository KeysetRepository { get; }

    public ApplicationService Application { get; }

    public KeysetService Keysets { get; }

    public ProgrammingDataStore Store { get; }

    public ProgrammingDataService ProgrammingData { get; }

    public BitstreamService Bitstreams { get; }

    public JobService Jobs { get; }

    public HsmTaskService HsmTasks { get; }

    public HsmHandshakeService Handshake { get; }

    public HsmJobExportService HsmJobs { get; }

    public JobStatusImportService JobStatuses { get; }

    public JobReportService JobReports { get; }
}
