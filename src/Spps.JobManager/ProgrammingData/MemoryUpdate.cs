namespace Spps.JobManager.ProgrammingData;

/// <summary>A client update: the memory file copied into the project, and where it came from (for reports).</summary>
public sealed class MemoryUpdate
{
    public string File { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;
}
