using Spps.Devices;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Tcl;
using Spps.Tcl.Hosting;

namespace Spps.FpExpress.Tests;

/// <summary>list_all_hsm_tickets and remove_hsm_tickets on the embedded M-HSM: what the module holds, and refusals that remove nothing.</summary>
public sealed class TicketCommandsTests : FpExpressTest
{
    private readonly RequestedTicket _program = Ticket("T_PROG");
    private readonly RequestedTicket _verify = Ticket("T_VER", "VERIFY", max: null);

    public TicketCommandsTests()
    {
        UseLocalModule();
        Services.ManufacturerHsm.ProcessJobRequest(WriteRequest("cm1.req", _program, _verify), Folder.Combine("cm1.rep"), false, Folder.Path, Infos.Add);
    }

    [Fact]
    public void The_list_is_one_dict_per_ticket_and_the_table_shows_each_ticket()
    {
        using var tcl = TclInterpreter.Create();
        using var shell = FpExpressShell.Install(tcl, new ShellEnvironment(Home, TimeProvider.System));
        tcl.Eval("set tickets [list_all_hsm_tickets]");

        Assert.Equal("2", tcl.Eval("llength $tickets"));
        var byName = tcl.SplitList(tcl.Eval("lmap t $tickets { list [dict get $t ticket] [dict get $t ticket_id] [dict get $t action] [dict get $t max_devices] [dict get $t used] }"))
            .Select(tcl.SplitList).OrderBy(fields => fields[0], StringComparer.Ordinal).ToList();
        Assert.Equal(["T_PROG", _program.TicketId, "PROGRAM", "1000", "0"], byName[0]);
        Assert.Equal(["T_VER", _verify.TicketId, "VERIFY", "unlimited", "0"], byName[1]);

        var table = Services.ManufacturerHsm.ListTickets(null, Folder.Path, Infos.Add, Warnings.Add).Table;
        Assert.Contains(_program.TicketId, table, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{_verify.TicketId}\s+J\s+CM1\s+T_VER\s+FPGA\s+VERIFY\s+unlimited\s+0$", table);
    }

    [Fact]
    public void Output_file_gets_the_same_table_and_an_unwritable_one_is_refused_before_the_module_is_asked()
    {
        var listing = Services.ManufacturerHsm.ListTickets("tickets.txt", Folder.Path, Infos.Add, Warnings.Add);
        Assert.Equal(Folder.Combine("tickets.txt"), listing.OutputFile);
        Assert.Equal(listing.Table, File.ReadAllText(Folder.Combine("tickets.txt")));

        Services.ManufacturerHsm.ListTickets("tickets.txt", Folder.Path, Infos.Add, Warnings.Add);
        Assert.Equal($"Replacing the existing file '{Folder.Combine("tickets.txt")}'.", Assert.Single(Warnings));

        var error = Assert.Throws<DomainException>(() => Services.ManufacturerHsm.ListTickets(Folder.Path, Folder.Path, Infos.Add, Warnings.Add));
        Assert.Equal($"Cannot write '{Folder.Path}': it is a folder; give a file name.", error.Message);
    }

    [Fact]
    public void Named_tickets_are_removed_in_any_letter_case_and_the_rest_stay()
    {
        var result = Tcl($"remove_hsm_tickets -ticket_ids {{{_program.TicketId.ToUpperInvariant()} {_program.TicketId}}}");

        Assert.Equal(_program.TicketId, result);
        Assert.Equal([_verify.TicketId], HeldTickets().Select(ticket => ticket.TicketId));
    }

    [Fact]
    public void Every_ticket_goes_only_with_force_true_and_the_output_says_what_each_was_for()
    {
        var refused = Assert.Throws<DomainException>(() => Services.ManufacturerHsm.RemoveTickets(null, force: false, Infos.Add));
        Assert.Equal(["SPPS", "FORCE", "-force"], refused.ErrorCode);
        Assert.Contains("add -force TRUE to confirm", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, HeldTickets().Count);

        var removed = Services.ManufacturerHsm.RemoveTickets(null, force: true, Infos.Add);

        Assert.Equal(new[] { _program.TicketId, _verify.TicketId }.Order(), removed.Ids.Order());
        Assert.Equal(["T_PROG", "T_VER"], removed.Records.Select(ticket => ticket.TicketName).Order());
        Assert.Empty(HeldTickets());
        Assert.Equal(string.Empty, Tcl("remove_hsm_tickets -force TRUE"));
    }

    public static TheoryData<string, string, string[]> Refusals => new()
    {
        { "remove_hsm_tickets", "remove_hsm_tickets without -ticket_ids removes every ticket of the M-HSM, and the jobs those tickets serve can no longer run: add -force TRUE to confirm, or name the tickets with -ticket_ids.", ["SPPS", "FORCE", "-force"] },
        { "remove_hsm_tickets -force FALSE", "remove_hsm_tickets without -ticket_ids removes every ticket of the M-HSM, and the jobs those tickets serve can no longer run: add -force TRUE to confirm, or name the tickets with -ticket_ids.", ["SPPS", "FORCE", "-force"] },
        { "remove_hsm_tickets -ticket_ids {PROG 0x12}", "'0x12' is not a valid hex string. Specify a valid hex string for ticket ID.", ["SPPS", "BADVALUE", "-ticket_ids", "0x12"] },
        { "remove_hsm_tickets -ticket_ids {{}}", "'' is not a valid hex string. Specify a valid hex string for ticket ID.", ["SPPS", "BADVALUE", "-ticket_ids", ""] },
        { "remove_hsm_tickets -ticket_ids { }", "ticket_ids: Invalid argument value: '' (expecting a list of ticket ids as list_all_hsm_tickets shows them).", ["SPPS", "BADVALUE", "-ticket_ids", ""] },
        { "remove_hsm_tickets -ticket_ids {ab \"cd}", "ticket_ids: Invalid argument value: 'ab \"cd' (expecting a Tcl list of ticket ids).", ["SPPS", "BADVALUE", "-ticket_ids", "ab \"cd"] },
        { "remove_hsm_tickets -force maybe", "force: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case).", ["SPPS", "BADVALUE", "-force", "maybe"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_refusal_names_the_value_and_removes_nothing(string command, string message, string[] errorCode)
    {
        var before = HeldTickets();
        var error = TclFails(command.Replace("PROG", _program.TicketId, StringComparison.Ordinal));
        Assert.Equal(message, error.Message);
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal(before, HeldTickets());
    }

    [Fact]
    public void An_unknown_id_among_known_ones_is_refused_by_the_module_and_nothing_is_removed()
    {
        var before = HeldTickets();
        var unknown = new string('a', 32);

        var error = Assert.Throws<HsmException>(() => Services.ManufacturerHsm.RemoveTickets([_program.TicketId, unknown], force: false, Infos.Add));

        Assert.Contains(unknown, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, HeldTickets());
    }
}
