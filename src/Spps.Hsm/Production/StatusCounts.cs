using Spps.Devices;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Production;

/// <summary>
/// The counts of a job status, checked against the request the task's tickets came from: every ticket of the request
/// once, as requested (name, device, action, limit); no ticket used beyond its limit (OVER_LIMIT); the devices left
/// what the limit and the uses leave; every recorded use of one of those tickets and its action, as many as the
/// ticket's count. Anything else is BAD_STATUS: a status the bound M-HSM signed never says it.
/// </summary>
internal static class StatusCounts
{
    public static IReadOnlyList<StatusTicket> Check(JobStatusDocument document, JobRequestDocument asked)
    {
        if (document.Sequence < 1 || document.Tickets is null || document.Uses is null || document.Cocs is null || document.Cocs.Any(coc => coc is null))
        {
            throw Bad(asked, $"its sequence number is {document.Sequence}, or it has no list of tickets, uses or CoCs");
        }

        var stated = new Dictionary<string, TicketStatus>(StringComparer.Ordinal);
        foreach (var ticket in document.Tickets)
        {
            if (ticket is null || !stated.TryAdd(ticket.TicketId, ticket))
            {
                throw Bad(asked, "it lists a ticket twice, or an empty one");
            }
        }

        var tickets = new List<StatusTicket>();
        foreach (var requested in asked.Tickets)
        {
            if (!stated.Remove(requested.TicketId, out var ticket) || ticket.Name != requested.Name || ticket.Device != requested.Device
                || ticket.Action != requested.Action || ticket.MaxDevices != requested.MaxDevices)
            {
                throw Bad(asked, $"it does not state ticket {requested.TicketId} ('{requested.Name}', {requested.Action} on '{requested.Device}') as the request made it");
            }

            tickets.Add(Counted(ticket, asked));
        }

        if (stated.Count > 0)
        {
            throw Bad(asked, $"it states ticket {HandshakeContainer.Quote(stated.Keys.First())}, which is not one of the request's");
        }

        CheckUses(document, asked, tickets);
        return tickets;
    }

    private static StatusTicket Counted(TicketStatus ticket, JobRequestDocument asked)
    {
        if (ticket.Used > ticket.MaxDevices)
        {
            throw new HsmException("OVER_LIMIT",
                $"The job status of task {asked.RequestId} says ticket {ticket.TicketId} ('{ticket.Name}') served {ticket.Used} devices, more than its maximum of {ticket.MaxDevices}.");
        }

        if (ticket.Used < 0 || ticket.Remaining != ticket.MaxDevices - ticket.Used)
        {
            throw Bad(asked, $"ticket {ticket.TicketId} ('{ticket.Name}') is stated used {ticket.Used} times with {ticket.Remaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} left of {ticket.MaxDevices?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}");
        }

        return new StatusTicket(ticket.TicketId, ticket.Name, ticket.Device, ticket.Action, ticket.MaxDevices, ticket.Used, ticket.Remaining);
    }

    private static void CheckUses(JobStatusDocument document, JobRequestDocument asked, List<StatusTicket> tickets)
    {
        var counts = tickets.ToDictionary(ticket => ticket.TicketId, _ => 0L, StringComparer.Ordinal);
        foreach (var use in document.Uses)
        {
            var ticket = use is null ? null : tickets.Find(ticket => ticket.TicketId == use.TicketId);
            if (ticket is null || use!.Action != ticket.Action || use.Dsn is null || Dsn.TryParse(use.Dsn) is null)
            {
                throw Bad(asked, $"it records a use {(use is null ? "that is empty" : $"of ticket {HandshakeContainer.Quote(use.TicketId ?? "none")} for device {HandshakeContainer.Quote(use.Dsn ?? "none")}")}, which is not a use of one of the task's tickets for a DSN");
            }

            counts[ticket.TicketId]++;
        }

        if (tickets.FirstOrDefault(ticket => counts[ticket.TicketId] != ticket.Used) is { } miscounted)
        {
            throw Bad(asked, $"ticket {miscounted.TicketId} ('{miscounted.Name}') is stated used {miscounted.Used} times, and {counts[miscounted.TicketId]} uses of it are recorded");
        }
    }

    private static HsmException Bad(JobRequestDocument asked, string what) => new("BAD_STATUS", $"The job status of task {asked.RequestId} does not hold together: {what}.");
}
