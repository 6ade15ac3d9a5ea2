using Spps.Devices;

namespace Spps.Workspace.Projects;

/// <summary>What one interpreter has open: at most one project at a time.</summary>
public sealed class ProjectContext : IDisposable
{
    public ProjectSession? Project { get; private set; }

    /// <summary>The open project, or the error every project command gives when there is none.</summary>
    public ProjectSession RequireProject() => Project ?? throw NoProject();

    /// <summary>The error of a command that needs an open project when none is open.</summary>
    public static DomainException NoProject() => new("No project is open. Use new_project or open_project first.", "NOPROJECT");

    public ProjectSession NewProject(string location, string name, string currentFolder, Action<string> warn)
    {
        EnsureNoneOpen("create another");
        return Project = ProjectStore.Create(location, name, currentFolder, warn);
    }

    public ProjectSession OpenProject(string path, string currentFolder, Action<string> warn)
    {
        EnsureNoneOpen("open another");
        return Project = ProjectStore.Open(path, currentFolder, warn);
    }

    /// <summary>
    /// Closes the open project. <paramref name="save"/> may be omitted only when nothing changed; TRUE saves,
    /// FALSE discards. A save that fails leaves the project open, so nothing is lost.
    /// </summary>
    public CloseOutcome CloseProject(bool? save)
    {
        var outcome = UnsavedChanges.Close(RequireProject(), save);
        Project = null;
        return outcome;
    }

    /// <summary>Releases a project left open at the end of a run; returns it if its unsaved changes were dropped.</summary>
    public ProjectSession? Abandon()
    {
        var project = Project;
        Project = null;
        return UnsavedChanges.Abandon(project);
    }

    public void Dispose() => Abandon();

    private void EnsureNoneOpen(string action)
    {
        if (Project is { } open)
        {
            throw new DomainException(
                $"Project '{open.Name}' is open ('{open.FilePath}'). Close it with close_project before you {action} project.",
                "PROJECTOPEN", open.Name);
        }
    }
}
