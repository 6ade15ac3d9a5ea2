using System.Globalization;
using System.Text;
using Spps.Hsm.Protocol;

namespace Spps.FpExpress.Hsm;

/// <summary>How tickets are shown: a readable table with one line per ticket, and the fields of each ticket's Tcl dict.</summary>
public static class TicketTable
{
    public const string Unlimited = "unlimited";

    private static readonly string[] _headings = ["Ticket ID", "Job", "Task", "Ticket", "Device", "Action", "Max", "Used"];

    /// <summary>The headings, then one line per ticket, columns aligned; a module without tickets says so under them.</summary>
    public static string Format(IReadOnlyList<TicketRecord> tickets)
    {
        var rows = tickets.Select(ticket => new[]
        {
            ticket.TicketId, ticket.JobName, ticket.TaskName, ticket.TicketName, ticket.Device, ticket.Action, Max(ticket),
            ticket.Used.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = _headings.Select((heading, column) => rows.Select(row => row[column].Length).Append(heading.Length).Max()).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows.Prepend(_headings))
        {
            table.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        if (rows.Count == 0)
        {
            table.AppendLine("(no tickets)");
        }

        return table.ToString();
    }

    /// <summary>A ticket's dict: every field the module holds, the limit as a number or <c>unlimited</c>.</summary>
    public static IReadOnlyList<(string Key, string Value)> Fields(TicketRecord ticket) =>
    [
        ("ticket_id", ticket.TicketId),
        ("job", ticket.JobName),
        ("task", ticket.TaskName),
        ("ticket", ticket.TicketName),
        ("device", ticket.Device),
        ("die", ticket.Die),
        ("action", ticket.Action),
        ("max_devices", Max(ticket)),
        ("used", ticket.Used.ToString(CultureInfo.InvariantCulture)),
        ("request_id", ticket.RequestId),
        ("u_hsm_uuid", ticket.UHsmUuid),
        ("received", ticket.Received.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
    ];

    /// <summary>A ticket's limit: a number or <c>unlimited</c>.</summary>
    public static string Max(TicketRecord ticket) => ticket.MaxDevices?.ToString(CultureInfo.InvariantCulture) ?? Unlimited;
}
