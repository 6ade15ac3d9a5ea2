namespace Spps.Hsm.Protocol;

/// <summary>
/// A task's job status as the M-HSM signed it (docs/formats/job-status.md): its sequence number, whether it carries
/// the Job End Certifier, each ticket's counters as the status states them, and the signed <c>spps-job-status</c>
/// container's bytes.
/// </summary>
public sealed record JobStatusReport(string RequestId, long Sequence, bool Ended, IReadOnlyList<TicketRecord> Tickets, byte[] Container);
