using System.Text.RegularExpressions;
using Spps.Devices;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Handshake;

/// <summary>
/// The shape a job request must have, checked by the U-HSM before it signs and by the M-HSM before it records:
/// 1 to <see cref="MaximumTickets"/> tickets with unique ids (32 lower-case hex digits) and unique names, names by the
/// project's rule, a die of the catalog, an action, a limit of 1 to 2^31 − 1 or none, and a protocol that can count
/// devices wherever a limit is set. Anything else is refused (BADVALUE, or POLICY for a limit nothing can enforce).
/// </summary>
internal static partial class JobRequestRules
{
    public const int MaximumTickets = 10_000;

    private const string NameRule = "1 to 64 letters, digits and '_'";

    private static readonly string[] _actions = ["PROGRAM", "ERASE", "VERIFY", "DEBUG"];
    private static readonly string[] _protocols = ["AUTH_CODE", "UNIQUE_KEY", "ONE_TIME_PASSCODE", "NONE"];

    public static void Check(string job, string task, IReadOnlyList<RequestedTicket>? tickets)
    {
        Name("job name", job);
        Name("task name", task);
        if (tickets is null || tickets.Count is 0 or > MaximumTickets)
        {
            throw new HsmException("BADVALUE", $"A job request has 1 to {MaximumTickets} tickets; task '{task}' has {tickets?.Count ?? 0}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ticket in tickets)
        {
            Check(ticket);
            if (!ids.Add(ticket.TicketId))
            {
                throw new HsmException("BADVALUE", $"The ticket id {ticket.TicketId} is given twice in task '{task}'; ticket ids are unique.");
            }

            if (!names.Add(ticket.Name))
            {
                throw new HsmException("BADVALUE", $"Two tickets of task '{task}' are named '{ticket.Name}'; ticket names are unique in a task.");
            }
        }
    }

    /// <summary>Whether <paramref name="id"/> is 32 lower-case hex digits (a request id or a ticket id).</summary>
    public static bool IsId(string? id) => id is not null && Id().IsMatch(id);

    private static void Check(RequestedTicket? ticket)
    {
        if (ticket is null)
        {
            throw new HsmException("BADVALUE", "A ticket of the job request is missing (null).");
        }

        Name("ticket name", ticket.Name);
        if (!IsId(ticket.TicketId))
        {
            throw new HsmException("BADVALUE", $"Ticket '{ticket.Name}': the ticket id {HandshakeContainer.Quote(ticket.TicketId ?? "null")} is not 32 lower-case hex digits.");
        }

        Name($"device of ticket '{ticket.Name}'", ticket.Device);
        if (!DeviceCatalog.Dies.Any(die => die.Name == ticket.Die))
        {
            throw new HsmException("BADVALUE", $"Ticket '{ticket.Name}': the die {HandshakeContainer.Quote(ticket.Die ?? "null")} is not a die of the device catalog.");
        }

        OneOf(ticket, "action", ticket.Action, _actions);
        OneOf(ticket, "protocol", ticket.Protocol, _protocols);
        if (ticket.MaxDevices is { } max && max is < 1 or > int.MaxValue)
        {
            throw new HsmException("BADVALUE", $"Ticket '{ticket.Name}': the device limit {max} is not 1 to {int.MaxValue} (or none, for unlimited).");
        }

        if (ticket.MaxDevices is not null && ticket.Protocol == "NONE")
        {
            throw new HsmException("POLICY",
                $"Ticket '{ticket.Name}': a device limit ({ticket.MaxDevices}) with protocol NONE cannot be enforced (only AUTH_CODE, UNIQUE_KEY and ONE_TIME_PASSCODE count devices); send no limit.");
        }
    }

    private static void OneOf(RequestedTicket ticket, string what, string? value, string[] accepted)
    {
        if (value is null || !accepted.Contains(value, StringComparer.Ordinal))
        {
            throw new HsmException("BADVALUE", $"Ticket '{ticket.Name}': the {what} {HandshakeContainer.Quote(value ?? "null")} is not one of {string.Join(", ", accepted)}.");
        }
    }

    // The project's rule for entry names (Spps.Workspace.EntryName, a layer this one cannot see): the HSM checks it
    // again itself, because a request may come from any client and its names go into the M-HSM's store.
    private static void Name(string what, string? value)
    {
        if (value is null || !EntryName().IsMatch(value))
        {
            throw new HsmException("BADVALUE", $"The {what} {HandshakeContainer.Quote(value ?? "null")} is not {NameRule}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex EntryName();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Id();
}
