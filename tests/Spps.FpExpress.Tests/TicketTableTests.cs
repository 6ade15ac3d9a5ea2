using Spps.FpExpress.Hsm;
using Spps.Hsm.Protocol;

namespace Spps.FpExpress.Tests;

/// <summary>How tickets are shown, without a module: the table's columns and a ticket's dict fields.</summary>
public sealed class TicketTableTests
{
    private static readonly DateTimeOffset _received = new(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));

    private static TicketRecord Record(string id, string name, long? max, long used) =>
        new(id, "r1", "u1", "Board", "CM1", name, "FPGA", "MPF300", "PROGRAM", max, used, _received);

    [Fact]
    public void Columns_are_aligned_to_the_longest_cell_and_an_unlimited_ticket_says_so()
    {
        var table = TicketTable.Format([Record("0a", "T_PROGRAM_FIRST", 1000, 12), Record("0b0b", "T", null, 0)]);
        Assert.Equal(
            "Ticket ID  Job    Task  Ticket           Device  Action   Max        Used\n" +
            "0a         Board  CM1   T_PROGRAM_FIRST  FPGA    PROGRAM  1000       12\n" +
            "0b0b       Board  CM1   T                FPGA    PROGRAM  unlimited  0\n",
            table.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_module_without_tickets_shows_the_headings_and_says_it_has_none()
    {
        Assert.Equal("Ticket ID  Job  Task  Ticket  Device  Action  Max  Used\n(no tickets)\n", TicketTable.Format([]).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_dict_has_every_field_with_the_time_in_utc()
    {
        var fields = TicketTable.Fields(Record("0a", "T", null, 3));
        Assert.Equal(["ticket_id", "job", "task", "ticket", "device", "die", "action", "max_devices", "used", "request_id", "u_hsm_uuid", "received"],
            fields.Select(field => field.Key));
        Assert.Equal("unlimited", fields.Single(field => field.Key == "max_devices").Value);
        Assert.Equal("2026-03-01 10:30:00Z", fields.Single(field => field.Key == "received").Value);
    }

    [Theory]
    [InlineData(new[] { "AB12", "ab12", "00" }, new[] { "ab12", "00" })]
    [InlineData(new[] { "0123456789abcdefABCDEF" }, new[] { "0123456789abcdefabcdef" })]
    public void Ticket_ids_are_hex_in_any_case_kept_once_in_lower_case(string[] given, string[] expected) =>
        Assert.Equal(expected, TicketIds.Normalize(given));
}
