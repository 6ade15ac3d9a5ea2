namespace Spps.Workspace.Projects;

/// <summary>
/// A part of the project file owned by one area (programming data, jobs, …). Each area reads a fresh copy, changes
/// it and writes it back only when its command succeeds, so a failed command leaves the project as it was.
/// </summary>
public interface IProjectSection
{
    /// <summary>The key of this section under <c>sections</c> in the <c>.jprj</c>.</summary>
    static abstract string SectionName { get; }

    /// <summary>
    /// What makes the section, as read from a file, unusable: a value no command of this version would have stored (a
    /// name, a device, a key value, a path that leaves the project). Empty when the section can be used.
    /// </summary>
    IEnumerable<string> Problems() => [];
}
