using Spps.JobManager.Projects;

namespace Spps.JobManager.Jobs;

/// <summary>The project's programming jobs (the <c>jobs</c> section of the .jprj).</summary>
public sealed class JobsSection : IProjectSection
{
    public static string SectionName => "jobs";

    public List<ProgrammingJob> Jobs { get; set; } = [];

    public ProgrammingJob? Find(string name) => Jobs.Find(job => job.Name == name);
}
