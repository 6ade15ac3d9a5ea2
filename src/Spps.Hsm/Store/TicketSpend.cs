using Spps.Hsm.Protocol;

namespace Spps.Hsm.Store;

/// <summary>A ticket after a device's challenge was answered, and whether that challenge had been answered (and counted) before.</summary>
internal sealed record TicketSpend(TicketRecord Ticket, bool Repeated);
