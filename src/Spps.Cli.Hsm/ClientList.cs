using System.Text.Json;
using Spps.Hsm.Store;

namespace Spps.Cli.Hsm;

/// <summary>The enrolled clients as <c>spps-hsm clients</c> prints them: an aligned table, one client a line, or a JSON array. Never a secret.</summary>
internal static class ClientList
{
    public static string Json(IReadOnlyList<ClientEnrolment> clients) =>
        JsonSerializer.Serialize(clients.Select(client => new Dictionary<string, string>
        {
            ["id"] = client.Id,
            ["name"] = client.Name,
            ["role"] = client.Role,
            ["enrolled"] = UtcTime.Text(client.Enrolled),
        }), new JsonSerializerOptions { WriteIndented = true });

    public static IEnumerable<string> Table(IReadOnlyList<ClientEnrolment> clients)
    {
        // A name is whatever 'enroll --name' was given: a control character in it must not break the table's lines.
        string[][] rows =
        [
            ["id", "name", "role", "enrolled"],
            .. clients.Select(client => new[] { client.Id, string.Concat(client.Name.Select(c => char.IsControl(c) ? '?' : c)), client.Role, UtcTime.Text(client.Enrolled) }),
        ];
        var widths = Enumerable.Range(0, 3).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return rows.Select(row => string.Join("  ", row.Take(3).Select((cell, column) => cell.PadRight(widths[column])).Append(row[3])));
    }
}
