using Spps.Hsm.Protocol;

namespace Spps.FpExpress.Hsm;

/// <summary>What <c>list_all_hsm_tickets</c> found: the module's tickets, their table, and the file it was written to, if any.</summary>
public sealed record TicketListing(IReadOnlyList<TicketRecord> Tickets, string Table, string? OutputFile);
