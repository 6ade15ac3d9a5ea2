using Spps.Hsm.Store;

namespace Spps.Hsm.Production;

/// <summary>
/// <c>status.json</c> of a <c>spps-job-status</c>: the task (request id, job, task, the U-HSM that asked for it), the
/// M-HSM and its world, the status's sequence number and time, each ticket's counters, every use spent, the CoCs the
/// station gave (as given), and once the task ended its Job End Certifier (docs/formats/job-status.md).
/// </summary>
internal sealed record JobStatusDocument(string RequestId, string Job, string Task, string UHsmUuid, string MHsmUuid, string World, long Sequence, DateTimeOffset Created,
    IReadOnlyList<TicketStatus> Tickets, IReadOnlyList<TicketUse> Uses, IReadOnlyList<byte[]> Cocs, SignedEndCertifier? EndCertifier)
{
    public const string Type = "spps-job-status";
    public const string DocumentPart = "status.json";
    public const string CertificatePart = "m-hsm.cert";
}

/// <summary>A ticket's counters in a job status: its limit (null: unlimited), the devices it served and those left (null: unlimited).</summary>
internal sealed record TicketStatus(string TicketId, string Name, string Action, string Device, string Die, long? MaxDevices, long Used, long? Remaining);

/// <summary>
/// The Job End Certifier: the M-HSM's word that the task ended and its tickets are deleted, with each ticket's final
/// count. Signed on its own (<see cref="SignedEndCertifier"/>), so it stands apart from the status that carries it.
/// </summary>
internal sealed record JobEndCertifier(string RequestId, string MHsmUuid, DateTimeOffset EndedAt, bool Terminated, bool TicketsDeleted, IReadOnlyList<TicketCount> Tickets);

/// <summary>A ticket's final count in the end certifier.</summary>
internal sealed record TicketCount(string TicketId, long? MaxDevices, long Used);

/// <summary>The certifier's exact JSON bytes and the M-HSM's signature over them (ECDSA P-384, SHA-384, IEEE P1363).</summary>
internal sealed record SignedEndCertifier(byte[] Certifier, byte[] Signature);
