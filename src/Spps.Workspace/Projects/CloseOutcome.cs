namespace Spps.Workspace.Projects;

/// <summary>What <c>close_project</c> did with the project's state.</summary>
public enum CloseOutcome
{
    Unchanged,
    Saved,
    Discarded,
}
