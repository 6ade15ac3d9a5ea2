using Spps.Devices;

namespace Spps.Workspace.Projects;

/// <summary>
/// The one rule for the unsaved changes of a project of any program (the Job Manager's <c>.jprj</c>, fpexpress's job
/// project): <c>-save</c> may be omitted only when nothing changed; TRUE saves, FALSE discards. A save that fails
/// throws before anything is released, so the project stays open and nothing is lost. A project left open at the end
/// of a run is released, and its changes are dropped.
/// </summary>
public static class UnsavedChanges
{
    /// <summary>Decides what closing does, saves when asked, then releases the project.</summary>
    public static CloseOutcome Close(IOpenProject project, bool? save)
    {
        var outcome = Decide(project, save);
        project.Dispose();
        return outcome;
    }

    /// <summary>Releases a project left open at the end of a run; returns it when its unsaved changes were dropped.</summary>
    public static TProject? Abandon<TProject>(TProject? project)
        where TProject : class, IOpenProject
    {
        project?.Dispose();
        return project is { IsModified: true } ? project : null;
    }

    private static CloseOutcome Decide(IOpenProject project, bool? save)
    {
        if (!project.IsModified)
        {
            return CloseOutcome.Unchanged;
        }

        if (save is null)
        {
            throw new DomainException(
                $"{project.Label} was modified. Specify -save TRUE to save the changes or -save FALSE to discard them.", "MODIFIED", project.Name);
        }

        if (!save.Value)
        {
            return CloseOutcome.Discarded;
        }

        project.Save();
        return CloseOutcome.Saved;
    }
}
