using Spps.Devices;
using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Tcl.Commands;
using Spps.Workspace.Settings;

namespace Spps.FpExpress;

/// <summary>What the production side's commands declare they need before they run (shown by <c>help</c>).</summary>
internal static class Preconditions
{
    /// <summary>An M-HSM named by <c>set_hsm_params</c>: its server and its m_hsm_uuid.</summary>
    public static CommandPrecondition ManufacturerHsm(SettingsStore settings) =>
        new("an M-HSM (set_hsm_params -hsm_server_name -m_hsm_uuid)", () =>
        {
            var parameters = settings.Load();
            return parameters.HsmServerName is null || parameters.MHsmUuid is null
                ? new DomainException(
                    "No M-HSM is configured. Use set_hsm_params -hsm_server_name (local, or host:port of an spps-hsm server) -m_hsm_uuid <uuid> first.", "NOHSM")
                : null;
        });

    /// <summary>A board the virtual programmer holds (connect_bench).</summary>
    public static CommandPrecondition ConnectedBoard(ProgrammerService programmer) =>
        new("a connected board (connect_bench)", () => programmer.Board is null ? ProgrammerService.NoBoard() : null);

    /// <summary>An open job project (create_job_project or open_project).</summary>
    public static CommandPrecondition OpenJobProject(JobProjectService projects) =>
        new("an open job project (create_job_project or open_project)", () => projects.Project is null ? JobProjectService.NoProject() : null);
}
