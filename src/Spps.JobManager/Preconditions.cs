using Spps.JobManager.Keysets;
using Spps.Tcl.Commands;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager;

/// <summary>What the Job Manager's commands declare they need before they run (shown by <c>help</c>, one message each).</summary>
internal static class Preconditions
{
    public static CommandPrecondition OpenProject(ProjectContext workspace) =>
        new("an open project (new_project or open_project)", () => workspace.Project is null ? ProjectContext.NoProject() : null);

    public static CommandPrecondition Hsm(SettingsStore settings) =>
        new("an HSM (set_hsm_params -hsm_server_name)", () => settings.Load().HsmServerName is null ? HsmConnector.NoHsm() : null);

    public static CommandPrecondition KeysetRepository(SettingsStore settings) =>
        new("a keyset repository (set_hsm_params -hsm_key_set_dir)", () => settings.Load().KeysetDirectory is null ? Keysets.KeysetRepository.NotSet() : null);

    /// <summary>Every command of <paramref name="table"/> with <paramref name="precondition"/> added.</summary>
    public static IReadOnlyList<CommandSpec> AllNeeding(this IReadOnlyList<CommandSpec> table, CommandPrecondition precondition) =>
        [.. table.Select(command => command.Needing(precondition))];
}
