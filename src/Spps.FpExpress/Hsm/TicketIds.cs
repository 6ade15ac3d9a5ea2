using System.Globalization;
using Spps.Devices;

namespace Spps.FpExpress.Hsm;

/// <summary>
/// The ticket ids of <c>-ticket_ids</c>: hexadecimal strings (as <c>list_all_hsm_tickets</c> shows them), in either
/// case, compared and sent in lower case; a repeated id counts once.
/// </summary>
public static class TicketIds
{
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            throw new DomainException(
                "ticket_ids: Invalid argument value: '' (expecting a list of ticket ids as list_all_hsm_tickets shows them).", "BADVALUE", "-ticket_ids", string.Empty);
        }

        foreach (var id in ids.Where(id => id.Length == 0 || !id.All(char.IsAsciiHexDigit)))
        {
            // FlashPro Express's own wording (remove_hsm_tickets).
            throw new DomainException($"'{id}' is not a valid hex string. Specify a valid hex string for ticket ID.", "BADVALUE", "-ticket_ids", id);
        }

        return [.. ids.Select(id => id.ToLower(CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal)];
    }
}
