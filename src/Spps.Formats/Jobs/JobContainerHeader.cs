namespace Spps.Formats.Jobs;

/// <summary>
/// The text lines before a job container's member table (docs/formats/job.md): the file's own name, the container
/// version, a ctime-style date, three flags whose meaning is not public, and the creating tool (absent in version 1.0).
/// </summary>
public sealed record JobContainerHeader
{
    public const string CurrentVersion = "2.0";

    /// <summary>The container's file name as its first line gives it, e.g. <c>board.job</c>.</summary>
    public required string FileName { get; init; }

    public string Version { get; init; } = CurrentVersion;

    /// <summary>When the container was written, to the second (the date line has no zone).</summary>
    public required DateTime Created { get; init; }

    /// <summary>The three flag lines; every container seen has them false.</summary>
    public IReadOnlyList<bool> Flags { get; init; } = [false, false, false];

    /// <summary>The creating tool's line (<c>LIBERO</c> in Libero's exports), or null where the version has none.</summary>
    public string? Creator { get; init; }
}
