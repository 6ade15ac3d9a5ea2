using Spps.Hsm.Handshake;

namespace Spps.Hsm.Production;

/// <summary>
/// What a <c>spps-job-status</c> file says it is about, read without trusting it, so the Job Manager can find the task
/// it names; only the U-HSM's verification (<see cref="IUserHsm.VerifyJobStatus"/>) says whether that is true.
/// </summary>
public static class JobStatusFile
{
    /// <summary>The status's task and sequence as it states them; BAD_CONTAINER, naming <paramref name="source"/>, when it is not a job status.</summary>
    public static JobStatusHeading ReadHeading(byte[] status, string source)
    {
        var document = HandshakeContainer.Read<JobStatusDocument>(status, JobStatusDocument.Type, JobStatusDocument.DocumentPart, JobStatusDocument.CertificatePart, source).Document;
        return new JobStatusHeading(document.RequestId ?? string.Empty, document.Job ?? string.Empty, document.Task ?? string.Empty, document.Sequence);
    }
}

/// <summary>The task a job status names (its request id, job and HSM task) and its sequence number, as stated, not yet verified.</summary>
public sealed record JobStatusHeading(string RequestId, string JobName, string TaskName, long Sequence);
