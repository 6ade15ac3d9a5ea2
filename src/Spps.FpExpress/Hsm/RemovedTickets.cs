using Spps.Hsm.Protocol;

namespace Spps.FpExpress.Hsm;

/// <summary>
/// What <c>remove_hsm_tickets</c> removed: the ids the module reports, and the records those tickets had just before
/// (listed first, so the output can say what each one was for).
/// </summary>
public sealed record RemovedTickets(IReadOnlyList<string> Ids, IReadOnlyList<TicketRecord> Records);
