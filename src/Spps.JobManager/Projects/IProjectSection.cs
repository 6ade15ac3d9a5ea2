namespace Spps.JobManager.Projects;

/// <summary>
/// A part of the project file owned by one area (programming data, jobs, …). Each area reads a fresh copy, changes
/// it and writes it back only when its command succeeds, so a failed command leaves the project as it was.
/// </summary>
public interface IProjectSection
{
    /// <summary>The key of this section under <c>sections</c> in the <c>.jprj</c>.</summary>
    static abstract string SectionName { get; }
}
