using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

public sealed class HsmTaskTests : HsmTaskTest
{
    [Fact]
    public void A_task_takes_tickets_with_canonical_values_and_fresh_ids()
    {
        var task = Tasks.AddTask("J", "T", "external");
        Assert.Equal((HsmTask.External, HsmTaskState.Created), (task.RequestType, task.State));
        Assert.Equal(HsmTask.Internal, Tasks.AddTask("J", "T2", "Internal").RequestType);

        var program = Ticket("P", max: "100");
        var verify = Ticket("V", action: "verify", max: "UNLIMITED");
        var erase = Ticket("E", device: "UNIQUE", action: "Erase", max: "2147483647");
        Assert.Equal([("P", "FPGA", "PROGRAM", (long?)100), ("V", "FPGA", "VERIFY", null), ("E", "UNIQUE", "ERASE", 2147483647)],
            Task().Tickets.Select(ticket => (ticket.Name, ticket.Device, ticket.Action, ticket.MaxDevices)));
        Assert.All([program, verify, erase], ticket => Assert.Matches("^[0-9a-f]{32}$", ticket.TicketId));
        Assert.Equal(3, new[] { program.TicketId, verify.TicketId, erase.TicketId }.Distinct().Count());
        Assert.Equal(HsmTaskState.HasTickets, Task().State);
        Assert.Empty(Warnings);
    }

    public static TheoryData<string, string, string, string[]> TaskRefusals => new()
    {
        { "T", "EXTERNAL", "Job 'J' already has an HSM task 'T'; task names are unique in a job.", ["TASKEXISTS", "T"] },
        { "a-b", "EXTERNAL", "hsmtask_name: Invalid argument value: 'a-b' (expecting 1 to 64 letters, digits and '_').", ["BADVALUE", "-hsmtask_name", "a-b"] },
        { "U", "LATER", "m_request_type: Invalid argument value: 'LATER' (expecting INTERNAL or EXTERNAL).", ["BADVALUE", "-m_request_type", "LATER"] },
    };

    [Theory]
    [MemberData(nameof(TaskRefusals))]
    public void A_task_name_is_valid_and_unique_in_its_job_and_its_request_type_one_of_two(string name, string type, string message, string[] code)
    {
        Tasks.AddTask("J", "T", HsmTask.External);
        AssertRefused(() => Tasks.AddTask("J", name, type), message, code);
    }

    [Fact]
    public void Tasks_belong_to_existing_jobs_and_task_names_are_per_job()
    {
        AssertRefused(() => Tasks.AddTask("K", "T", HsmTask.External), "Project 'P' has no job 'K' (its jobs: J).", "NOJOB", "K");
        Tasks.AddTask("J", "T", HsmTask.External);
        Jobs.NewJob("K", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Assert.Equal("T", Tasks.AddTask("K", "T", HsmTask.External).Name);
        AssertRefused(() => Ticket("P", task: "X"), "Job 'J' has no HSM task 'X' (its tasks: T).", "NOTASK", "X");
        AssertRefused(() => Ticket("P", task: "X", job: "K"), "Job 'K' has no HSM task 'X' (its tasks: T).", "NOTASK", "X");
    }

    // Each row: ticket name, device, action, max_device, the message ({stapl}: the STAPL file's path) and the error code.
    public static TheoryData<string, string, string, string, string, string[]> TicketRefusals => new()
    {
        { "P", "UNIQUE", "VERIFY", "1", "HSM task 'T' of job 'J' already has a ticket 'P'; ticket names are unique in a task.", ["TICKETEXISTS", "P"] },
        { "a b", "FPGA", "VERIFY", "1", "ticket_name: Invalid argument value: 'a b' (expecting 1 to 64 letters, digits and '_').", ["BADVALUE", "-ticket_name", "a b"] },
        { "Q", "NOPE", "VERIFY", "1", "Job 'J' has no device 'NOPE' (its targets: FPGA, UNIQUE, UPDATE, PLAIN, EXT).", ["NODEVICE", "NOPE"] },
        {
            "Q", "BYP", "VERIFY", "1",
            "Device 'BYP' of job 'J' is left in BYPASS: a ticket authorises an action on a device the job programs (its targets: FPGA, UNIQUE, UPDATE, PLAIN, EXT).",
            ["NOTTARGET", "BYP"]
        },
        {
            "Q", "EXT", "VERIFY", "1",
            "Device 'EXT' of job 'J' is programmed from the STAPL file '{stapl}': if an external bit stream file has been loaded in the device, it cannot be programmed " +
            "using HSM, and tickets cannot be created. Add the device from Programming Data of the HSM flow (-data_name, -bitstream_name).", ["EXTERNALFILE", "EXT"]
        },
        {
            "Q", "PLAIN", "VERIFY", "1",
            "Device 'PLAIN' of job 'J' is programmed from Programming Data 'PD', which is in the non-HSM flow: tickets are for the HSM flow, whose keys the M-HSM applies. " +
            "Use Programming Data made with -keyset_file.", ["NONHSM", "PLAIN"]
        },
        {
            "Q", "FPGA", "PROGRAM", "5", "HSM task 'T' of job 'J' already has ticket 'P' for PROGRAM on device 'FPGA'; a task holds one ticket per device and action.",
            ["TICKETEXISTS", "P"]
        },
        {
            "Q", "FPGA", "verify_digest", "5",
            "actions: Invalid argument value: 'verify_digest' (expecting PROGRAM, ERASE or VERIFY; VERIFY_DIGEST runs without protocol data from the M-HSM, so it needs no ticket).",
            ["BADVALUE", "-actions", "verify_digest"]
        },
        {
            "Q", "FPGA", "ENC_DATA_AUTHENTICATION", "5",
            "actions: Invalid argument value: 'ENC_DATA_AUTHENTICATION' (expecting PROGRAM, ERASE or VERIFY; ENC_DATA_AUTHENTICATION runs without protocol data from the M-HSM, so it needs no ticket).",
            ["BADVALUE", "-actions", "ENC_DATA_AUTHENTICATION"]
        },
        {
            "Q", "FPGA", "DEBUG", "5", "actions: Invalid argument value: 'DEBUG' (expecting PROGRAM, ERASE or VERIFY; DEBUG is the action of a SmartDebug (SDebug) job's tickets).",
            ["BADVALUE", "-actions", "DEBUG"]
        },
        {
            "Q", "FPGA", "ERASE VERIFY", "5",
            "actions: Invalid argument value: 'ERASE VERIFY' (expecting PROGRAM, ERASE or VERIFY; a ticket authorises one action: create a ticket per action).",
            ["BADVALUE", "-actions", "ERASE VERIFY"]
        },
        { "Q", "FPGA", "READ_IDCODE", "5", "actions: Invalid argument value: 'READ_IDCODE' (expecting PROGRAM, ERASE or VERIFY).", ["BADVALUE", "-actions", "READ_IDCODE"] },
        { "Q", "FPGA", "VERIFY", "0", MaxRefused("0"), ["BADVALUE", "-max_device", "0"] },
        { "Q", "FPGA", "VERIFY", "-1", MaxRefused("-1"), ["BADVALUE", "-max_device", "-1"] },
        { "Q", "FPGA", "VERIFY", "+5", MaxRefused("+5"), ["BADVALUE", "-max_device", "+5"] },
        { "Q", "FPGA", "VERIFY", "007", MaxRefused("007"), ["BADVALUE", "-max_device", "007"] },
        { "Q", "FPGA", "VERIFY", "1.5", MaxRefused("1.5"), ["BADVALUE", "-max_device", "1.5"] },
        { "Q", "FPGA", "VERIFY", " 5", MaxRefused(" 5"), ["BADVALUE", "-max_device", " 5"] },
        { "Q", "FPGA", "VERIFY", "2147483648", MaxRefused("2147483648"), ["BADVALUE", "-max_device", "2147483648"] },
        { "Q", "FPGA", "VERIFY", "99999999999999999999", MaxRefused("99999999999999999999"), ["BADVALUE", "-max_device", "99999999999999999999"] },
        { "Q", "FPGA", "VERIFY", "many", MaxRefused("many"), ["BADVALUE", "-max_device", "many"] },
        { "Q", "FPGA", "VERIFY", "", MaxRefused(""), ["BADVALUE", "-max_device", ""] },
    };

    [Theory]
    [MemberData(nameof(TicketRefusals))]
    public void A_ticket_is_refused_unless_every_rule_holds(string ticket, string device, string action, string max, string message, string[] code)
    {
        Tasks.AddTask("J", "T", HsmTask.External);
        Ticket("P");
        AssertRefused(() => Ticket(ticket, device, action, max), message.Replace("{stapl}", StaplFile, StringComparison.Ordinal), code);
        Assert.Empty(Warnings);
    }

    private static string MaxRefused(string value) =>
        $"max_device: Invalid argument value: '{value}' (expecting a number of devices from 1 to 2147483647, or unlimited).";

    [Theory]
    [InlineData("FPGA", "100", null)]
    [InlineData("UNIQUE", "100", null)]
    [InlineData("UPDATE", "unlimited", null)]
    [InlineData("UPDATE", "100", "Ticket 'Q' of HSM task 'T' limits PROGRAM to 100 devices, but bitstream 'U1' of device 'UPDATE' uses no protocol, which cannot count devices: " +
                                 "the limit will not be enforced (only AUTH_CODE, UNIQUE_KEY and ONE_TIME_PASSCODE can).")]
    public void A_limit_the_protocol_cannot_count_is_kept_with_a_warning(string device, string max, string? warning)
    {
        Tasks.AddTask("J", "T", HsmTask.External);
        var ticket = Ticket("Q", device, max: max);
        Assert.Equal(DeviceLimit.Parse(max), ticket.MaxDevices);
        Assert.Equal(warning is null ? [] : [warning], Warnings);
    }

    [Fact]
    public void A_smartdebug_jobs_tickets_authorise_debug_only_and_its_protocol_counts_the_devices_unlocked()
    {
        Service.InitBitstream("HD", new BitstreamRequest { Name = "D", Type = "DEBUG", Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "UEK1" });
        Jobs.NewJob("S", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S", "FPGA", 1, "HD", "D");
        Tasks.AddTask("S", "T", HsmTask.External);
        AssertRefused(() => Ticket("Q", action: "PROGRAM", task: "T", job: "S"),
            "actions: Invalid argument value: 'PROGRAM' (expecting DEBUG; job 'S' is a SmartDebug (SDebug) job, whose tickets authorise DEBUG only).", "BADVALUE", "-actions", "PROGRAM");
        var debug = Ticket("Q", action: "debug", max: "5", job: "S");
        Assert.Equal(("DEBUG", (long?)5), (debug.Action, debug.MaxDevices));
        Assert.Empty(Warnings); // the M-HSM spends a DEBUG ticket once per unlock, so the limit is enforced

    }

    [Fact]
    public void An_ihp_job_takes_tasks_and_tickets_like_the_others()
    {
        Jobs.NewJob("I", ProgrammingJob.Ihp, ProgrammingJob.JtagChain);
        Target("I", "FPGA", 1, "HD", "MU");
        Tasks.AddTask("I", "T", "INTERNAL");
        Ticket("P", job: "I");
        Assert.Equal([("T", HsmTaskState.HasTickets)], Jobs.Job("I").HsmTasks.Select(task => (task.Name, task.State)));
    }

    [Fact]
    public void Tasks_and_tickets_are_saved_with_the_project_and_read_back()
    {
        var task = Reach(HsmTask.External, HsmTaskState.ReplyBound);
        Tasks.AddTask("J", "I", HsmTask.Internal);
        var file = Workspace.Project!.FilePath;
        Workspace.CloseProject(true);
        Workspace.OpenProject(file, Folder.Path, _ => { });
        var read = Task();
        Assert.Equal((task.RequestType, task.State, task.RequestId, task.RequestDigest, task.RequestFile, task.MHsmUuid, task.ReplyFile),
            (read.RequestType, read.State, read.RequestId, read.RequestDigest, read.RequestFile, read.MHsmUuid, read.ReplyFile));
        Assert.Equal(task.Tickets.Select(ticket => (ticket.Name, ticket.TicketId, ticket.Device, ticket.Action, ticket.MaxDevices)),
            read.Tickets.Select(ticket => (ticket.Name, ticket.TicketId, ticket.Device, ticket.Action, ticket.MaxDevices)));
        Assert.Equal((HsmTask.Internal, HsmTaskState.Created), (Task("I").RequestType, Task("I").State));
    }
}
