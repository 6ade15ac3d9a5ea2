using Spps.Formats.Keysets;

namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the U-HSM to verify a job status an M-HSM signed (<c>import_job_status</c>, docs/security.md, "Job status"):
/// the task's request and reply as the project keeps them (the HSM checks them again and takes the bound M-HSM from
/// the verified reply alone), the M-HSM the task is bound to, the status container, and the targets whose devices give
/// certificates of conformance. Everything here is public: the HSM derives every CoC key itself.
/// </summary>
public sealed record JobStatusCheck
{
    /// <summary>The task's job request container, as this U-HSM signed it.</summary>
    public required byte[] Request { get; init; }

    /// <summary>The M-HSM's reply to <see cref="Request"/>.</summary>
    public required byte[] Reply { get; init; }

    /// <summary>The M-HSM the task is bound to: the reply, and the status, must be that module's.</summary>
    public required string MHsmUuid { get; init; }

    /// <summary>The <c>spps-job-status</c> container.</summary>
    public required byte[] Status { get; init; }

    /// <summary>The task's targets that generate CoCs; a CoC of another target is reported, not checked.</summary>
    public required IReadOnlyList<CocTarget> Targets { get; init; }
}

/// <summary>
/// A target whose devices give CoCs: its name in the job, the keyset of its Programming Data (the task's KIP for the
/// target, from which each device's CoC key comes, is derived from this keyset's KIP), and the SHA-256 of each
/// component of the bitstream the HSM job was exported with, in order (header excluded).
/// </summary>
public sealed record CocTarget(string Name, WrappedKeyset Keyset, IReadOnlyList<byte[]> ComponentDigests);
