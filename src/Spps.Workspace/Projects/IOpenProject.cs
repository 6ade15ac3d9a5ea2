namespace Spps.Workspace.Projects;

/// <summary>
/// A project a program holds open (the Job Manager's project, fpexpress's job project): what the rules for its unsaved
/// changes need of it (<see cref="UnsavedChanges"/>). Disposing it releases it, dropping what was not saved.
/// </summary>
public interface IOpenProject : IDisposable
{
    string Name { get; }

    /// <summary>How a message names it at the start of a sentence: <c>Project 'P'</c>, <c>Job project 'P'</c>.</summary>
    string Label { get; }

    bool IsModified { get; }

    void Save();
}
