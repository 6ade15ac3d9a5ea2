namespace Spps.Hsm.Protocol;

/// <summary>The body of <c>remove_tickets</c>: the ticket ids to remove, or null for every ticket the module holds.</summary>
public sealed record TicketRemoval(IReadOnlyList<string>? TicketIds);
