using System.Text.Json.Nodes;
using Spps.Devices;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;

namespace Spps.JobManager.Tests;

/// <summary>Task data edited by hand in the project file is refused where it is wrong, naming the job, the task and the value.</summary>
public sealed class HsmTaskFileTests : HsmTaskTest
{
    private static readonly Dictionary<string, Action<JsonObject>> _damages = new()
    {
        ["state without its record"] = task => task["state"] = "ReplyBound",
        ["created with tickets"] = task => task["state"] = "Created",
        ["record before its state"] = task => task["state"] = "HasTickets",
        ["unknown request type"] = task => task["requestType"] = "SOMETIMES",
        ["internal with a request"] = task => task["requestType"] = "INTERNAL",
        ["bad request id"] = task => task["requestId"] = "R 1",
        ["bad digest"] = task => task["requestDigest"] = "xyz",
        ["path leaving the project"] = task => task["requestFile"] = "../request-0123456789abcdef.zip",
        ["bad ticket id"] = task => Ticket(task)["ticketId"] = "not-an-id",
        ["ticket id of another ticket"] = task => Tickets(task).Add(new JsonObject
        {
            ["name"] = "Q", ["ticketId"] = Ticket(task)["ticketId"]!.GetValue<string>(), ["device"] = "UNIQUE", ["action"] = "VERIFY", ["maxDevices"] = null,
        }),
        ["same device and action twice"] = task =>
        {
            var copy = Ticket(task).DeepClone().AsObject();
            copy["name"] = "Q";
            copy["ticketId"] = new string('E', 32);
            Tickets(task).Add(copy);
        },
        ["ticket for a bypass device"] = task => Ticket(task)["device"] = "BYP",
        ["ticket for a stapl target"] = task => Ticket(task)["device"] = "EXT",
        ["debug in a programming job"] = task => Ticket(task)["action"] = "DEBUG",
        ["limit of zero"] = task => Ticket(task)["maxDevices"] = 0,
    };

    private const string InTask = "job 'J': HSM task 'T': ";

    // Each row: a damage done to task "T" (a task whose request was exported) and the reason the file is refused for.
    public static TheoryData<string, string> Damages => new()
    {
        { "state without its record", InTask + "in state ReplyBound, mHsmUuid and replyFile are required" },
        { "created with tickets", InTask + "state Created does not go with 1 tickets" },
        { "record before its state", InTask + "in state HasTickets, requestId, requestDigest and requestFile are not recorded yet" },
        { "unknown request type", "job 'J': the HSM task 'T' of request type 'SOMETIMES' in state 'RequestExported' is not a task add_hsmtask_to_job makes (or its name is taken twice)" },
        { "internal with a request", InTask + "an INTERNAL task is never in state RequestExported" },
        { "bad request id", InTask + "the request id 'R 1' is not 1 to 64 letters, digits and '-'" },
        { "bad digest", InTask + "the request digest 'xyz' is not an even number of hex digits, from 64 (SHA-256) to 128 (SHA-512)" },
        { "path leaving the project", InTask + "requestFile '../request-0123456789abcdef.zip' is not a plain path inside the project folder (it has an empty, '.' or '..' step)" },
        { "bad ticket id", InTask + "the id 'not-an-id' of ticket 'P' is not 32 upper-case hex digits, or another ticket of the project has it" },
        { "ticket id of another ticket", InTask + "the id '{id}' of ticket 'Q' is not 32 upper-case hex digits, or another ticket of the project has it" },
        { "same device and action twice", InTask + "the ticket 'Q' for PROGRAM on 'FPGA' repeats a ticket name or a device and action, or its name is not valid" },
        { "ticket for a bypass device", InTask + "ticket 'P' is for 'BYP', which is not a target of the job programmed from Programming Data" },
        { "ticket for a stapl target", InTask + "ticket 'P' is for 'EXT', which is not a target of the job programmed from Programming Data" },
        { "debug in a programming job", InTask + "ticket 'P' authorises 'DEBUG' for 100 devices (expecting one of PROGRAM, ERASE, VERIFY, for 1 to 2147483647 devices or unlimited)" },
        { "limit of zero", InTask + "ticket 'P' authorises 'PROGRAM' for 0 devices (expecting one of PROGRAM, ERASE, VERIFY, for 1 to 2147483647 devices or unlimited)" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_task_data_is_refused_naming_the_task_and_the_value(string damage, string reason)
    {
        Reach(HsmTask.External, HsmTaskState.RequestExported);
        var id = Task().Tickets[0].TicketId;
        var file = SaveAndEdit(job => _damages[damage](job["hsmTasks"]![0]!.AsObject()));
        var error = Assert.Throws<DomainException>(() => Jobs.Job("J"));
        Assert.Equal(["SPPS", "CORRUPT", file], error.ErrorCode);
        Assert.Equal($"The project file '{file}' is not a valid Job Manager project: section 'jobs': {reason.Replace("{id}", id, StringComparison.Ordinal)}.", error.Message);
    }

    [Fact]
    public void Task_data_that_does_not_have_the_types_of_tasks_is_refused()
    {
        Reach(HsmTask.External, HsmTaskState.HasTickets);
        var file = SaveAndEdit(job => job["hsmTasks"] = new JsonArray("T"));
        var error = Assert.Throws<DomainException>(() => Jobs.Job("J"));
        Assert.StartsWith($"The project file '{file}' is not a valid Job Manager project: section 'jobs' cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_with_an_empty_task_list_is_read_as_a_job_without_tasks()
    {
        Reach(HsmTask.External, HsmTaskState.HasTickets);
        SaveAndEdit(job => job["hsmTasks"] = new JsonArray());
        Assert.Empty(Jobs.Job("J").HsmTasks);
        Assert.Equal("T", Tasks.AddTask("J", "T", HsmTask.External).Name);
    }

    // Saves and closes the project, changes job "J" in its file, and opens it again; returns the file's path.
    private string SaveAndEdit(Action<JsonObject> edit)
    {
        var file = Workspace.Project!.FilePath;
        Workspace.CloseProject(true);
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        edit(root["sections"]!["jobs"]!["jobs"]!.AsArray().Single(job => (string?)job!["name"] == "J")!.AsObject());
        File.WriteAllText(file, root.ToJsonString());
        Workspace.OpenProject(file, Folder.Path, _ => { });
        return file;
    }

    private static JsonArray Tickets(JsonObject task) => task["tickets"]!.AsArray();

    private static JsonObject Ticket(JsonObject task) => Tickets(task)[0]!.AsObject();
}
