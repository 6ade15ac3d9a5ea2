namespace Spps.Formats.Jobs;

/// <summary>
/// A target's <c>cmHSMTicketData</c> in an HSM job (ours; docs/formats/job.md): the task's request id, the M-HSM the
/// task is bound to, the target's tickets, and the secrets the U-HSM sealed to that M-HSM's task key.
/// </summary>
public sealed record JobTicketData(string RequestId, string MHsmUuid, IReadOnlyList<JobTicket> Tickets, byte[] SealedSecrets);

/// <summary>A ticket as the job lists it: id, name, action, and its device limit (null: unlimited).</summary>
public sealed record JobTicket(string TicketId, string Name, string Action, long? MaxDevices);
