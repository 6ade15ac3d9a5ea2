namespace Spps.Formats.Jobs;

/// <summary>
/// A debug job (<c>.ddc</c>, docs/formats/ddc.md): the container's header, the job description (the chain, each
/// target's DEBUG tickets and sealed secrets; <c>job_type</c> SDebug) and the public part of every target's DEBUG
/// bitstream, by device name.
/// </summary>
public sealed record DebugJob(JobContainerHeader Header, JobDescription Description, IReadOnlyDictionary<string, DebugBitstreamInfo> Bitstreams)
{
    public const string JobType = "SDebug";
    public const string Extension = ".ddc";

    /// <summary>The member kind of a target's debug bitstream.</summary>
    public const string BitstreamKind = "dbg";

    /// <summary>The DEBUG ticket action, the only one a debug job carries.</summary>
    public const string Action = "DEBUG";
}
