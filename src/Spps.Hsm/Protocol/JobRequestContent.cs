namespace Spps.Hsm.Protocol;

/// <summary>
/// What the Job Manager asks the U-HSM to sign as an HSM task's job request: the task and its tickets, all public.
/// The U-HSM checks the shape (ticket ids, actions, limits, protocols), chooses the request id and signs; the caller
/// never chooses what is signed beyond this content (docs/security.md, "Tasks and the handshake").
/// </summary>
public sealed record JobRequestContent(string JobName, string TaskName, IReadOnlyList<RequestedTicket> Tickets);
