using Spps.Devices;
using Spps.Hsm;

namespace Spps.FpExpress.Tests;

/// <summary>process_job_request: the M-HSM processes a request once and the reply is written; every refusal writes nothing and leaves the module's tickets as they were.</summary>
public sealed class ProcessJobRequestTests : FpExpressTest
{
    public ProcessJobRequestTests() => UseLocalModule();

    [Fact]
    public void The_module_stores_the_request_tickets_and_the_reply_is_written()
    {
        var tickets = new[] { Ticket("T_PROG"), Ticket("T_VER", "VERIFY", max: null) };
        var request = WriteRequest("cm1.req", tickets);
        var reply = Folder.Combine("out", "cm1.rep");

        var (processed, replyPath) = Services.ManufacturerHsm.ProcessJobRequest(request, reply, overwriteReply: false, Folder.Path, Infos.Add);

        Assert.Equal(reply, replyPath);
        Assert.Equal(processed.ReplyContainer, File.ReadAllBytes(reply));
        var held = HeldTickets();
        Assert.Equal(tickets.Select(ticket => (ticket.TicketId, ticket.Name, ticket.Action, ticket.MaxDevices)),
            held.Select(ticket => (ticket.TicketId, ticket.TicketName, ticket.Action, ticket.MaxDevices)).OrderBy(ticket => ticket.TicketName == "T_VER"));
        Assert.All(held, ticket => Assert.Equal(("J", "CM1", "FPGA", 0L, processed.RequestId), (ticket.JobName, ticket.TaskName, ticket.Device, ticket.Used, ticket.RequestId)));
    }

    [Fact]
    public void The_command_says_which_request_it_processed_and_how_many_tickets_and_returns_the_reply_path()
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"), Ticket("T_ERASE", "ERASE"));
        var reply = Folder.Combine("cm1.rep");
        Assert.Equal(reply, Tcl($"process_job_request -request_file {{{request}}} -reply_file {{{reply}}}"));
        Assert.True(File.Exists(reply));
        Assert.Equal(2, HeldTickets().Count);
    }

    [Fact]
    public void A_request_is_processed_once_a_second_time_is_refused_and_writes_no_reply()
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        Services.ManufacturerHsm.ProcessJobRequest(request, Folder.Combine("first.rep"), false, Folder.Path, Infos.Add);
        var held = HeldTickets();

        var error = Assert.Throws<HsmException>(() => Services.ManufacturerHsm.ProcessJobRequest(request, Folder.Combine("second.rep"), false, Folder.Path, Infos.Add));

        Assert.StartsWith($"Cannot process the job request '{request}': ", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.Combine("second.rep")));
        Assert.Equal(held, HeldTickets());
    }

    public static TheoryData<string, Func<byte[], byte[]>> DamagedRequests => new()
    {
        { "not a container", _ => "hello"u8.ToArray() },
        { "truncated", bytes => bytes[..(bytes.Length / 2)] },
        { "one byte altered", bytes => Flip(bytes, bytes.Length / 3) },
        { "empty", _ => [] },
    };

    [Theory]
    [MemberData(nameof(DamagedRequests))]
    public void A_damaged_request_is_refused_naming_the_file_and_writes_nothing(string what, Func<byte[], byte[]> damage)
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        File.WriteAllBytes(request, damage(File.ReadAllBytes(request)));
        var reply = Folder.Combine("cm1.rep");

        var error = Assert.Throws<HsmException>(() => Services.ManufacturerHsm.ProcessJobRequest(request, reply, false, Folder.Path, Infos.Add));

        Assert.True(error.Message.StartsWith($"Cannot process the job request '{request}': ", StringComparison.Ordinal), what);
        Assert.False(File.Exists(reply), what);
        Assert.Empty(HeldTickets());
        Assert.Equal([Path.GetFileName(request)], Directory.EnumerateFiles(Folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_existing_reply_is_refused_unless_overwrite_reply_is_true_and_the_request_stays_unspent()
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        var reply = Folder.Combine("cm1.rep");
        File.WriteAllText(reply, "earlier");

        var error = Assert.Throws<DomainException>(() => Services.ManufacturerHsm.ProcessJobRequest(request, reply, false, Folder.Path, Infos.Add));
        Assert.Equal($"Parameter 'reply_file': the file '{reply}' already exists; use -overwrite_reply TRUE to replace it.", error.Message);
        Assert.Equal(["SPPS", "EXISTS", "-reply_file", reply], error.ErrorCode);
        Assert.Equal("earlier", File.ReadAllText(reply));
        Assert.Empty(HeldTickets());

        Tcl($"process_job_request -request_file {{{request}}} -reply_file {{{reply}}} -overwrite_reply 1");
        Assert.NotEqual("earlier", File.ReadAllText(reply));
        Assert.Single(HeldTickets());
    }

    [Fact]
    public void A_reply_that_cannot_be_written_stops_the_command_before_the_module_spends_the_request()
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        File.WriteAllText(Folder.Combine("blocker"), "a file where a folder is needed");
        var reply = Folder.Combine("blocker", "cm1.rep");

        var error = Assert.Throws<DomainException>(() => Services.ManufacturerHsm.ProcessJobRequest(request, reply, false, Folder.Path, Infos.Add));

        Assert.Equal(["SPPS", "UNWRITABLE", reply], error.ErrorCode);
        Assert.Empty(HeldTickets());
        Services.ManufacturerHsm.ProcessJobRequest(request, Folder.Combine("cm1.rep"), false, Folder.Path, Infos.Add); // still unspent
        Assert.Single(HeldTickets());
    }

    [Fact]
    public void The_reply_cannot_be_written_over_its_request()
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        var before = File.ReadAllBytes(request);

        var error = Assert.Throws<DomainException>(() => Services.ManufacturerHsm.ProcessJobRequest("cm1.req", request, true, Folder.Path, Infos.Add));

        Assert.Equal($"Parameter 'reply_file': '{request}' is the request file; give the reply its own file.", error.Message);
        Assert.Equal(before, File.ReadAllBytes(request));
        Assert.Empty(HeldTickets());
    }

    public static TheoryData<string, string> OptionRefusals => new()
    {
        { "process_job_request -reply_file r.rep", "Required parameter 'request_file' is missing." },
        { "process_job_request -request_file REQ", "Required parameter 'reply_file' is missing." },
        { "process_job_request -request_file /no/such/cm.req -reply_file r.rep", "Parameter 'request_file': the file '/no/such/cm.req' does not exist." },
        { "process_job_request -request_file REQ -reply_file r.rep -overwrite_reply maybe", "overwrite_reply: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case)." },
    };

    [Theory]
    [MemberData(nameof(OptionRefusals))]
    public void Option_errors_use_FlashPro_Express_wording_and_leave_the_module_untouched(string command, string message)
    {
        var request = WriteRequest("cm1.req", Ticket("T_PROG"));
        Assert.Equal(message, TclFails(command.Replace("REQ", request, StringComparison.Ordinal)).Message);
        Assert.Empty(HeldTickets());
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
