using Spps.JobManager.Projects;

namespace Spps.JobManager.ProgrammingData;

/// <summary>The project's Programming Data entries (the <c>programmingData</c> section of the .jprj).</summary>
public sealed class ProgrammingDataSection : IProjectSection
{
    public static string SectionName => "programmingData";

    public List<ProgrammingDataEntry> Entries { get; set; } = [];

    public ProgrammingDataEntry? Find(string name) => Entries.Find(entry => entry.Name == name);
}
