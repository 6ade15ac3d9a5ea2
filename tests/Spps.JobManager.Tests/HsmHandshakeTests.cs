using System.Text.Json;
using Spps.Devices;
using Spps.Hsm;
using Spps.Hsm.Worlds;
using Spps.JobManager.HsmTasks;

namespace Spps.JobManager.Tests;

/// <summary>
/// hsmtask_m_request and hsmtask_m_reply with the OE's embedded U-HSM and a CM's own module (another store, the same
/// development world): the request the CM's M-HSM processes, the reply that binds the task, and every reply that must
/// be refused, leaving the project and the CM's tickets as they were.
/// </summary>
public sealed class HsmHandshakeTests : HsmTaskTest
{
    private const string CmUuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private readonly HsmModule _cm;

    public HsmHandshakeTests()
    {
        _cm = HsmModule.Create(Folder.Combine("cm-hsm"), mHsmUuid: CmUuid);
        Tasks.AddTask("J", "T", HsmTask.External);
    }

    private HsmHandshakeService Handshake => Services.Handshake;

    [Fact]
    public void The_request_lists_the_tickets_the_cm_module_stores_and_its_reply_binds_the_task()
    {
        var program = Ticket("P", "FPGA", "PROGRAM", "100");
        var verify = Ticket("V", "UNIQUE", "VERIFY", "unlimited");

        var signed = Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { });
        Assert.Equal(HsmTaskState.RequestExported, Task().State);
        Assert.Equal(signed.RequestId, Task().RequestId);
        Assert.Equal(File.ReadAllBytes(Folder.Combine("cm1.req")), signed.Container);

        Process("cm1.req", "cm1.rep");
        var bound = Handshake.ImportReply("J", "T", "cm1.rep", Folder.Path, _ => { });

        Assert.Equal(CmUuid, bound.MHsmUuid);
        Assert.Equal((HsmTaskState.ReplyBound, CmUuid), (Task().State, Task().MHsmUuid));
        var held = CmTickets();
        Assert.Equal(
            [(program.TicketId, "P", "FPGA", "M2S010", "PROGRAM", (long?)100), (verify.TicketId, "V", "UNIQUE", "M2S010", "VERIFY", null)],
            held.Select(t => (t.TicketId, t.TicketName, t.Device, t.Die, t.Action, t.MaxDevices)).OrderBy(t => t.TicketName).ToList());
    }

    [Fact]
    public void A_limit_the_protocol_cannot_count_is_not_signed_into_the_request()
    {
        Ticket("U", "UPDATE", "PROGRAM", "5");
        Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { });
        Process("cm1.req", "cm1.rep");

        Assert.Null(Assert.Single(CmTickets()).MaxDevices);
    }

    [Fact]
    public void A_second_request_replaces_the_first_and_the_reply_to_the_first_is_refused()
    {
        Ticket("P");
        var first = Handshake.ExportRequest("J", "T", "first.req", Folder.Path, Warnings.Add, _ => { });
        Process("first.req", "first.rep");
        var second = Handshake.ExportRequest("J", "T", "second.req", Folder.Path, Warnings.Add, _ => { });
        Assert.Contains(Warnings, warning => warning.Contains($"replaces request {first.RequestId}", StringComparison.Ordinal));

        var error = RefusedReply("first.rep");
        Assert.Equal(["SPPS", "HSM", "NOT_THIS_REQUEST"], error.ErrorCode);
        Assert.Equal(second.RequestId, Task().RequestId);
    }

    [Fact]
    public void A_reply_to_another_task_is_refused()
    {
        Ticket("P");
        Tasks.AddTask("J", "T2", HsmTask.External);
        Tasks.NewTicket("J", "T2", "P", "FPGA", "PROGRAM", "10", Warnings.Add);
        Handshake.ExportRequest("J", "T", "t.req", Folder.Path, Warnings.Add, _ => { });
        Handshake.ExportRequest("J", "T2", "t2.req", Folder.Path, Warnings.Add, _ => { });
        Process("t2.req", "t2.rep");

        Assert.Equal(["SPPS", "HSM", "NOT_THIS_REQUEST"], RefusedReply("t2.rep").ErrorCode);
    }

    [Fact]
    public void An_altered_reply_is_refused_whichever_byte_changed()
    {
        Ticket("P");
        Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { });
        Process("cm1.req", "cm1.rep");
        var reply = File.ReadAllBytes(Folder.Combine("cm1.rep"));
        foreach (var offset in new[] { 0, 40, reply.Length / 3, reply.Length / 2, reply.Length - 30, reply.Length - 1 })
        {
            var altered = (byte[])reply.Clone();
            altered[offset] ^= 0x01;
            File.WriteAllBytes(Folder.Combine("altered.rep"), altered);
            Assert.Equal("HSM", RefusedReply("altered.rep").ErrorCode[1]);
        }

        File.WriteAllBytes(Folder.Combine("truncated.rep"), reply[..(reply.Length / 2)]);
        Assert.Equal("HSM", RefusedReply("truncated.rep").ErrorCode[1]);
    }

    [Fact]
    public void A_reply_of_a_module_of_another_world_is_refused()
    {
        Ticket("P");
        Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { });
        using var privateWorld = WorldRoot.Create();
        var stranger = HsmModule.Create(Folder.Combine("stranger-hsm"), world: privateWorld);
        var request = File.ReadAllBytes(Folder.Combine("cm1.req"));

        // The stranger's M-HSM refuses the request of a U-HSM outside its world: there is no reply to import.
        var refusal = Assert.Throws<HsmException>(() => stranger.ManufacturerRole("tests").ProcessJobRequest(request));
        Assert.Equal("FOREIGN_WORLD", refusal.Code);
        Assert.Equal(HsmTaskState.RequestExported, Task().State);
    }

    [Fact]
    public void A_second_reply_is_refused_and_the_binding_stays()
    {
        Ticket("P");
        Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { });
        Process("cm1.req", "cm1.rep");
        Handshake.ImportReply("J", "T", "cm1.rep", Folder.Path, _ => { });

        Assert.Equal(["SPPS", "TASKSTATE", "T", "ReplyBound"], RefusedReply("cm1.rep").ErrorCode);
        Assert.Equal(CmUuid, Task().MHsmUuid);
    }

    [Fact]
    public void A_request_path_naming_a_folder_is_refused_before_the_hsm_signs()
    {
        Ticket("P");
        Directory.CreateDirectory(Folder.Combine("out"));

        AssertRefused(() => Handshake.ExportRequest("J", "T", "out", Folder.Path, Warnings.Add, _ => { }),
            "request_file: Invalid argument value: 'out' (expecting the path of a file; this names a folder).", "BADVALUE", "-request_file", "out");
        Assert.Equal(HsmTaskState.HasTickets, Task().State);
    }

    [Fact]
    public void A_request_for_a_task_without_tickets_is_refused_and_nothing_is_written()
    {
        var error = Assert.Throws<DomainException>(() => Handshake.ExportRequest("J", "T", "cm1.req", Folder.Path, Warnings.Add, _ => { }));

        Assert.Equal(["SPPS", "TASKSTATE", "T", "Created"], error.ErrorCode);
        Assert.False(File.Exists(Folder.Combine("cm1.req")));
    }

    private void Process(string request, string reply) =>
        File.WriteAllBytes(Folder.Combine(reply), _cm.ManufacturerRole("tests").ProcessJobRequest(File.ReadAllBytes(Folder.Combine(request))).ReplyContainer);

    private List<Hsm.Protocol.TicketRecord> CmTickets() => [.. _cm.ManufacturerRole("tests").ListTickets()];

    // A refused reply changes neither the project nor the tickets the CM's module holds.
    private DomainException RefusedReply(string reply)
    {
        var tickets = JsonSerializer.Serialize(CmTickets());
        var before = JsonSerializer.Serialize(Task());
        var error = Assert.ThrowsAny<DomainException>(() => Handshake.ImportReply("J", "T", reply, Folder.Path, _ => { }));
        Assert.Equal(before, JsonSerializer.Serialize(Task()));
        Assert.Equal(tickets, JsonSerializer.Serialize(CmTickets()));
        return error;
    }
}
