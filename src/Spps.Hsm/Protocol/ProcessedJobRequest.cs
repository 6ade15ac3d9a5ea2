namespace Spps.Hsm.Protocol;

/// <summary>What the M-HSM answers a job request it accepted: the request's id, the tickets it now holds, and the signed <c>spps-job-reply</c> container.</summary>
public sealed record ProcessedJobRequest(string RequestId, IReadOnlyList<TicketRecord> Tickets, byte[] ReplyContainer);
