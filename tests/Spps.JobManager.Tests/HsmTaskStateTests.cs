using Spps.Devices;
using Spps.JobManager.HsmTasks;

namespace Spps.JobManager.Tests;

public sealed class HsmTaskStateTests : HsmTaskTest
{
    private const string NoTicketToRequest = "a request lists the task's tickets, and it has none; add them first with new_hsmtask_ticket.";
    private const string NoRequestToReply = "a reply answers the task's request, and none was exported; export it first with hsmtask_m_request.";
    private const string NoTicketToExport = "it has no ticket to export; add them first with new_hsmtask_ticket.";
    private const string TicketsFixed =
        "the request already lists the tickets; a ticket added now would not be known to the M-HSM. Add another task (add_hsmtask_to_job) for more tickets.";
    private const string NoReplyToExport =
        "the HSM job can only be exported after importing the job reply: export the request (hsmtask_m_request), have the M-HSM process it, and import its reply (hsmtask_m_reply).";
    private const string WaitingForReply = "the HSM job can only be exported after importing the job reply to request R1 (hsmtask_m_reply).";
    private const string BoundNoRequest =
        $"its reply binds it to M-HSM {MHsmUuid}, which holds the tickets of the request it answered, so a new request is refused. Add another task for another request.";
    private const string SecondReply = $"it already holds the reply of M-HSM {MHsmUuid}; a second reply is refused.";
    private const string NoRequestInternally =
        "the request is executed internally by export_hsmtask, so there is no request to export (hsmtask_m_request is for EXTERNAL tasks).";
    private const string NoReplyInternally = "the request is executed internally by export_hsmtask, so there is no reply to import (hsmtask_m_reply is for EXTERNAL tasks).";
    private const string ChainFixed = "chain";

    // Each row: the task's request type and state, a step, and why the step is refused there (null: it is allowed).
    public static TheoryData<string, HsmTaskState, string, string?> Steps => new()
    {
        { HsmTask.External, HsmTaskState.Created, "ticket", null },
        { HsmTask.External, HsmTaskState.Created, "request", NoTicketToRequest },
        { HsmTask.External, HsmTaskState.Created, "reply", NoRequestToReply },
        { HsmTask.External, HsmTaskState.Created, "export", NoTicketToExport },
        { HsmTask.External, HsmTaskState.Created, "device", null },
        { HsmTask.External, HsmTaskState.HasTickets, "ticket", null },
        { HsmTask.External, HsmTaskState.HasTickets, "request", null },
        { HsmTask.External, HsmTaskState.HasTickets, "reply", NoRequestToReply },
        { HsmTask.External, HsmTaskState.HasTickets, "export", NoReplyToExport },
        { HsmTask.External, HsmTaskState.HasTickets, "device", null },
        { HsmTask.External, HsmTaskState.RequestExported, "ticket", TicketsFixed },
        { HsmTask.External, HsmTaskState.RequestExported, "request", null },
        { HsmTask.External, HsmTaskState.RequestExported, "reply", null },
        { HsmTask.External, HsmTaskState.RequestExported, "export", WaitingForReply },
        { HsmTask.External, HsmTaskState.RequestExported, "device", ChainFixed },
        { HsmTask.External, HsmTaskState.ReplyBound, "ticket", TicketsFixed },
        { HsmTask.External, HsmTaskState.ReplyBound, "request", BoundNoRequest },
        { HsmTask.External, HsmTaskState.ReplyBound, "reply", SecondReply },
        { HsmTask.External, HsmTaskState.ReplyBound, "export", null },
        { HsmTask.External, HsmTaskState.ReplyBound, "device", ChainFixed },
        { HsmTask.External, HsmTaskState.Exported, "ticket", TicketsFixed },
        { HsmTask.External, HsmTaskState.Exported, "request", BoundNoRequest },
        { HsmTask.External, HsmTaskState.Exported, "reply", SecondReply },
        { HsmTask.External, HsmTaskState.Exported, "export", null },
        { HsmTask.External, HsmTaskState.Exported, "device", ChainFixed },
        { HsmTask.Internal, HsmTaskState.Created, "ticket", null },
        { HsmTask.Internal, HsmTaskState.Created, "request", NoRequestInternally },
        { HsmTask.Internal, HsmTaskState.Created, "reply", NoReplyInternally },
        { HsmTask.Internal, HsmTaskState.Created, "export", NoTicketToExport },
        { HsmTask.Internal, HsmTaskState.Created, "device", null },
        { HsmTask.Internal, HsmTaskState.HasTickets, "ticket", null },
        { HsmTask.Internal, HsmTaskState.HasTickets, "request", NoRequestInternally },
        { HsmTask.Internal, HsmTaskState.HasTickets, "reply", NoReplyInternally },
        { HsmTask.Internal, HsmTaskState.HasTickets, "export", null },
        { HsmTask.Internal, HsmTaskState.HasTickets, "device", null },
        { HsmTask.Internal, HsmTaskState.Exported, "ticket", TicketsFixed },
        { HsmTask.Internal, HsmTaskState.Exported, "request", NoRequestInternally },
        { HsmTask.Internal, HsmTaskState.Exported, "reply", NoReplyInternally },
        { HsmTask.Internal, HsmTaskState.Exported, "export", null },
        { HsmTask.Internal, HsmTaskState.Exported, "device", ChainFixed },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_is_allowed_only_in_its_states(string requestType, HsmTaskState state, string step, string? refusal)
    {
        Reach(requestType, state);
        Action take = step switch
        {
            "ticket" => () => Ticket("Q", "UNIQUE", "VERIFY"),
            "request" => () => Tasks.BeginRequest("J", "T"),
            "reply" => () => Tasks.BeginReply("J", "T"),
            "export" => () => Tasks.BeginExport("J", "T"),
            _ => () => Jobs.AddMicrochipBypass("J", "BYP2", 7, "M2S010", null, Folder.Path),
        };
        switch (refusal)
        {
            case null:
                take();
                break;
            case ChainFixed:
                AssertRefused(take,
                    $"Job 'J' cannot take device 'BYP2': the request of its HSM task 'T' is out (state {state}) and describes the job's chain as it was; " +
                    "a device added now would not be in it. Make another job for another chain.", "CHAINFIXED", "BYP2");
                break;
            case NoRequestInternally or NoReplyInternally:
                AssertRefused(take, $"HSM task 'T' of job 'J' is INTERNAL: {refusal}", "TASKTYPE", "T", HsmTask.Internal);
                break;
            default:
                AssertRefused(take, $"HSM task 'T' of job 'J' is in state {state}: {refusal}", "TASKSTATE", "T", state.ToString());
                break;
        }
    }

    [Fact]
    public void An_external_task_goes_from_request_to_reply_to_export_and_a_new_request_replaces_the_one_before()
    {
        Reach(HsmTask.External, HsmTaskState.HasTickets);
        Assert.Equal(HsmTaskState.HasTickets, Tasks.BeginRequest("J", "T").State);
        var first = Copy("request 1", "request");
        Tasks.RecordRequest("J", "T", "R1", Digest('A'), first, Warnings.Add);
        Assert.Equal((HsmTaskState.RequestExported, "R1", Digest('a'), first), (Task().State, Task().RequestId, Task().RequestDigest, Task().RequestFile));
        Assert.Empty(Warnings);

        var second = Copy("request 2", "request");
        Assert.Equal("R1", Tasks.BeginRequest("J", "T").RequestId);
        Tasks.RecordRequest("J", "T", "R2", Digest('b'), second, Warnings.Add);
        Assert.Equal(("R2", second), (Task().RequestId, Task().RequestFile));
        Assert.Equal(["The new request R2 of HSM task 'T' of job 'J' replaces request R1: a reply to R1 will be refused. " +
                      "If an M-HSM has processed R1, remove its tickets there (remove_hsm_tickets)."], Warnings);

        var reply = Copy("reply", "reply");
        Tasks.BeginReply("J", "T");
        Tasks.RecordReply("J", "T", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", reply);
        Assert.Equal((HsmTaskState.ReplyBound, MHsmUuid, reply), (Task().State, Task().MHsmUuid, Task().ReplyFile));

        Tasks.BeginExport("J", "T");
        Tasks.RecordExport("J", "T", Folder.Combine("out", "cm1.job"), []);
        Assert.Equal((HsmTaskState.Exported, "cm1.job"), (Task().State, Task().ExportedFile));
        Tasks.RecordExport("J", "T", Folder.Combine("elsewhere", "cm1b.job"), []);
        Assert.Equal((HsmTaskState.Exported, "cm1b.job", MHsmUuid), (Task().State, Task().ExportedFile, Task().MHsmUuid));
    }

    [Fact]
    public void An_internal_task_is_exported_from_its_tickets()
    {
        Reach(HsmTask.Internal, HsmTaskState.HasTickets);
        Tasks.BeginExport("J", "T");
        Tasks.RecordExport("J", "T", "cm.job", []);
        Assert.Equal((HsmTaskState.Exported, "cm.job", (string?)null, (string?)null), (Task().State, Task().ExportedFile, Task().RequestId, Task().MHsmUuid));
    }

    [Fact]
    public void Recording_a_step_checks_the_state_again_and_the_values_it_stores()
    {
        Reach(HsmTask.External, HsmTaskState.HasTickets);
        AssertRefused(() => Tasks.RecordExport("J", "X", "cm.job", []), "Job 'J' has no HSM task 'X' (its tasks: T).", "NOTASK", "X");
        AssertRefused(() => Tasks.RecordExport("J", "T", "out/", []), "The exported file 'out/' is not valid (expecting the path of a file).", "BADVALUE", "exported file", "out/");
        var reply = Copy("reply", "reply");
        AssertRefused(() => Tasks.RecordReply("J", "T", MHsmUuid, reply), $"HSM task 'T' of job 'J' is in state HasTickets: {NoRequestToReply}", "TASKSTATE", "T", "HasTickets");
        AssertRefused(() => Tasks.RecordExport("J", "T", "cm.job", []), $"HSM task 'T' of job 'J' is in state HasTickets: {NoReplyToExport}", "TASKSTATE", "T", "HasTickets");
        var request = Copy("request", "request");
        AssertRefused(() => Tasks.RecordRequest("J", "T", "R 1", Digest('a'), request, Warnings.Add),
            "The request id 'R 1' is not valid (expecting 1 to 64 letters, digits and '-').", "BADVALUE", "request id", "R 1");
        AssertRefused(() => Tasks.RecordRequest("J", "T", "R1", "abc", request, Warnings.Add),
            "The request digest 'abc' is not valid (expecting an even number of hex digits, from 64 (SHA-256) to 128 (SHA-512)).", "BADVALUE", "request digest", "abc");
        AssertRefused(() => Tasks.RecordRequest("J", "T", "R1", Digest('a'), "jobs/J/tasks/T/missing-0123456789abcdef.zip", Warnings.Add),
            "The project's copy 'jobs/J/tasks/T/missing-0123456789abcdef.zip' of the request of HSM task 'T' is missing; copy it into the project again.",
            "MISSINGFILE", Path.Combine(Workspace.Project!.Folder, "jobs", "J", "tasks", "T", "missing-0123456789abcdef.zip"));

        Tasks.RecordRequest("J", "T", "R1", Digest('a'), request, Warnings.Add);
        AssertRefused(() => Tasks.RecordReply("J", "T", "not-a-uuid", reply),
            "m_hsm_uuid: Invalid argument value: 'not-a-uuid' (expecting a UUID such as 123e4567-e89b-12d3-a456-426614174000).", "BADVALUE", "-m_hsm_uuid", "not-a-uuid");
        File.AppendAllText(Path.Combine(Workspace.Project!.Folder, reply), "altered");
        var altered = Assert.Throws<DomainException>(() => Tasks.RecordReply("J", "T", MHsmUuid, reply));
        Assert.Equal(["SPPS", "CHANGED", Path.Combine(Workspace.Project!.Folder, reply)], altered.ErrorCode);
        Assert.Equal(HsmTaskState.RequestExported, Task().State);
    }

    [Fact]
    public void A_job_with_a_task_is_an_hsm_job_that_export_prog_job_refuses_naming_its_tasks()
    {
        Jobs.NewJob("H", Jobs.Job("J").Type, Jobs.Job("J").Setup);
        Target("H", "FPGA", 1, "PD", "M");
        Tasks.AddTask("H", "CM1", HsmTask.External);
        Tasks.AddTask("H", "CM2", HsmTask.Internal);
        AssertRefused(() => Jobs.Export("H", "out", "h", Folder.Path, Warnings.Add, _ => { }),
            "Job 'H' has HSM tasks (CM1, CM2): a programming job that has one or more HSM tasks is considered to be HSM type and cannot be exported using the export_prog_job command. " +
            "An HSM job is exported using the export_hsmtask command.", "HSMJOB", "H");
    }
}
