using Spps.Hsm.Handshake;

namespace Spps.Hsm.Production;

/// <summary>
/// What a <c>spps-job-status</c> file says it is about, read without trusting it, so the Job Manager can find the task
/// it names; only the U-HSM's verification (<see cref="IUserHsm.VerifyJobStatus"/>) says whether that is true. Also the
/// job status's own size limits, which every reader and the served routes that carry a status take from here.
/// </summary>
public static class JobStatusFile
{
    /// <summary>
    /// The largest <c>status.json</c> a reader takes whole, sized for the M-HSM's maximum of devices rather than the
    /// containers' general 16 MiB (docs/formats/job-status.md, "Size"): 100,000 devices
    /// (<see cref="JobStatusMaker.MaximumCocs"/>), each with a use of at most 200 bytes of JSON (20 MB), CoCs of at most
    /// <see cref="JobStatusMaker.MaximumCocBytesInAll"/> in all (24 MiB, 33.6 MB in base64, with 0.3 MB of quotes and
    /// commas) and up to 10,000 tickets of at most 350 bytes each (3.5 MB): 57.4 MB, under 64 MiB (67.1 MB).
    /// </summary>
    public const int MaximumDocumentBytes = 64 << 20;

    /// <summary>The largest job status file: its <c>status.json</c> and, well within 1 MiB, its manifest, signature, certificate and ZIP headers.</summary>
    public const int MaximumFileBytes = MaximumDocumentBytes + (1 << 20);

    /// <summary>The status's task and sequence as it states them; BAD_CONTAINER, naming <paramref name="source"/>, when it is not a job status.</summary>
    public static JobStatusHeading ReadHeading(byte[] status, string source)
    {
        var document = Read(status, source).Document;
        return new JobStatusHeading(document.RequestId ?? string.Empty, document.Job ?? string.Empty, document.Task ?? string.Empty, document.Sequence);
    }

    /// <summary>A job status container, its <c>status.json</c> up to <see cref="MaximumDocumentBytes"/>; nothing in it trusted yet.</summary>
    internal static SignedDocument<JobStatusDocument> Read(byte[] status, string source) =>
        HandshakeContainer.Read<JobStatusDocument>(status, JobStatusDocument.Type, JobStatusDocument.DocumentPart, JobStatusDocument.CertificatePart, source, MaximumDocumentBytes);
}

/// <summary>The task a job status names (its request id, job and HSM task) and its sequence number, as stated, not yet verified.</summary>
public sealed record JobStatusHeading(string RequestId, string JobName, string TaskName, long Sequence);
