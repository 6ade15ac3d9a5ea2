using Spps.Devices;

namespace Spps.Workspace.Projects;

/// <summary>
/// The one rule for closing a project of any program (the Job Manager's <c>.jprj</c>, fpexpress's job project):
/// <c>-save</c> may be omitted only when nothing changed; TRUE saves, FALSE discards. A save that fails throws before
/// anything is released, so the project stays open and nothing is lost.
/// </summary>
public static class UnsavedChanges
{
    /// <summary>
    /// Decides what closing does and saves when asked; <paramref name="label"/> names the project in the refusal
    /// ("Project 'P'"), <paramref name="name"/> is its name for the error code.
    /// </summary>
    public static CloseOutcome Close(string label, string name, bool isModified, bool? save, Action saveProject)
    {
        if (!isModified)
        {
            return CloseOutcome.Unchanged;
        }

        if (save is null)
        {
            throw new DomainException(
                $"{label} was modified. Specify -save TRUE to save the changes or -save FALSE to discard them.", "MODIFIED", name);
        }

        if (!save.Value)
        {
            return CloseOutcome.Discarded;
        }

        saveProject();
        return CloseOutcome.Saved;
    }
}
