namespace Spps.Formats.Jobs;

/// <summary>
/// The <c>XML</c> member of a job container (its <c>job_export</c> element): the job's name, the HSM task it was
/// exported for (empty for a job without one), and every device of the chain in chain order.
/// </summary>
public sealed record JobDescription
{
    public required string JobName { get; init; }

    public string HsmTaskName { get; init; } = string.Empty;

    /// <summary><c>job_type</c> (ours): <c>SDebug</c> in a debug job (docs/formats/ddc.md); empty, and not written, in a FlashPro Express job.</summary>
    public string JobType { get; init; } = string.Empty;

    public bool IsJtagChain { get; init; } = true;

    public required IReadOnlyList<JobDeviceDescription> Devices { get; init; }
}
