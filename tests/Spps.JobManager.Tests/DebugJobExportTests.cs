using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Jobs;
using Spps.Formats.Keysets;
using Spps.Hsm;
using Spps.Hsm.HsmJobs;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Testing;

namespace Spps.JobManager.Tests;

/// <summary>
/// SmartDebug jobs (SDebug) in the HSM flow: every DEBUG rule of the command reference as a row (init_bitstream,
/// the job's targets, its tickets, the task's steps, export_prog_job), each refusal leaving the project unchanged; and
/// <c>export_hsmtask</c> writing the debug job (<c>.ddc</c>) whose secrets — the key mode's UEK and the DPK, per
/// device as the Initiator made them — open on the bound M-HSM only, with no key anywhere in the files or messages.
/// </summary>
public sealed class DebugJobExportTests : HsmTaskTest
{
    private readonly List<string> _messages = [];
    private readonly HsmModule _cmA;
    private readonly HsmModule _cmB;

    public DebugJobExportTests()
    {
        _cmA = HsmModule.Create(Folder.Combine("cm_a"));
        _cmB = HsmModule.Create(Folder.Combine("cm_b"));
        Data("DD", "M2S010", "ks");
        Service.InitBitstream("DD", new BitstreamRequest { Name = "DM", Type = "MASTER", Protocol = "AUTH_CODE" });
        Service.InitBitstream("DD", Debug("DBG"));
        Jobs.NewJob("S", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S", "DBGDEV", 1, "DD", "DBG");
        Jobs.AddMicrochipBypass("S", "BYP", 2, "M2S010", null, Folder.Path);
    }

    private string RequestFile => Path.Combine(Folder.Path, "t.req");

    private static BitstreamRequest Debug(string name, string keyMode = "UEK1") =>
        new() { Name = name, Type = "DEBUG", Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = keyMode, Features = ["ALL"] };

    // Task T of the job with a DEBUG ticket per device named; its request processed by A (whose reply is imported) and by B.
    private void Bind(string job, params string[] devices)
    {
        Tasks.AddTask(job, "T", HsmTask.External);
        foreach (var device in devices)
        {
            Ticket("Q_" + device, device: device, action: "DEBUG", max: "unlimited", job: job);
        }

        Services.Handshake.ExportRequest(job, "T", RequestFile, Folder.Path, _messages.Add, _messages.Add);
        var request = File.ReadAllBytes(RequestFile);
        var replyFile = Path.Combine(Folder.Path, "t.rep");
        File.WriteAllBytes(replyFile, _cmA.ManufacturerRole().ProcessJobRequest(request).ReplyContainer);
        _cmB.ManufacturerRole().ProcessJobRequest(request);
        Services.Handshake.ImportReply(job, "T", replyFile, Folder.Path, _messages.Add);
    }

    private string Export(string job = "S") => Services.HsmJobs.Export(job, "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add);

    private static DebugJob Read(string path)
    {
        using var stream = File.OpenRead(path);
        return DebugJobFile.Read(stream, path);
    }

    // A refused command: its error code, the project unchanged, and no file exported.
    private void Refused(Action action, params string[] code)
    {
        var before = ProjectContent();
        var files = Directory.GetFiles(Folder.Path);
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(["SPPS", .. code], error.ErrorCode.Take(code.Length + 1));
        Assert.Equal(before, ProjectContent());
        Assert.Equal(files, Directory.GetFiles(Folder.Path));
    }

    private string Spm(SecurityPolicy policy)
    {
        var file = Folder.Combine("s.spm");
        File.WriteAllBytes(file, SpmFile.ToBytes(new SecurityOverwrite("M2S010", policy, new Dictionary<string, byte[]>()), "tests", DateTimeOffset.UnixEpoch));
        return file;
    }

    /// <summary>
    /// The seed's DEBUG rules refused before any export, one row each: a set-up (none, or task T in the job), then the
    /// command refused. All of them held before debug jobs were exported; they document the rules.
    /// </summary>
    public static TheoryData<string, string?, Action<DebugJobExportTests>, string[]> SeedRules => new()
    {
        { "DEBUG needs the HSM flow", null, test => test.Service.InitBitstream("PD", Debug("X")), ["BADVALUE", "-bitstream_type", "DEBUG"] },
        { "DEBUG needs a protocol", null, test => test.Service.InitBitstream("DD", Debug("X") with { Protocol = null }), ["BADVALUE", "-use_protocol", "(none)"] },
        { "DEBUG takes ONE_TIME_PASSCODE, not AUTH_CODE", null, test => test.Service.InitBitstream("DD", Debug("X") with { Protocol = "AUTH_CODE" }), ["BADVALUE", "-use_protocol", "AUTH_CODE"] },
        { "DEBUG takes ONE_TIME_PASSCODE, not UNIQUE_KEY", null, test => test.Service.InitBitstream("DD", Debug("X") with { Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["DPK"] }),
            ["BADVALUE", "-use_protocol", "UNIQUE_KEY"] },
        { "ONE_TIME_PASSCODE is DEBUG's only", null, test => test.Service.InitBitstream("DD", new BitstreamRequest { Name = "X", Type = "MASTER", Protocol = "ONE_TIME_PASSCODE" }),
            ["BADVALUE", "-use_protocol"] },
        { "DEBUG needs a key mode", null, test => test.Service.InitBitstream("DD", Debug("X") with { AuthKeyMode = null }), ["BADVALUE", "-auth_keymode", "(none)"] },
        { "DEBUG key mode is UEK1 or UEK2, not DFK", null, test => test.Service.InitBitstream("DD", Debug("X", "DFK")), ["BADVALUE", "-auth_keymode", "DFK"] },
        { "DEBUG key mode is UEK1 or UEK2, not UEK3", null, test => test.Service.InitBitstream("DD", Debug("X", "UEK3")), ["BADVALUE", "-auth_keymode", "UEK3"] },
        { "UEK2 only when the security settings enable it", null, test => test.Service.InitBitstream("DD", Debug("X", "UEK2")), ["BADVALUE", "-auth_keymode", "UEK2"] },
        { "DEBUG tickets only in SDebug jobs", "J", test => test.Ticket("Q", action: "DEBUG", max: "5"), ["BADVALUE", "-actions", "DEBUG"] },
        { "SDebug jobs only with DEBUG tickets", "S", test => test.Ticket("Q", device: "DBGDEV", action: "PROGRAM", max: "5", job: "S"), ["BADVALUE", "-actions", "PROGRAM"] },
        { "SDebug jobs only with DEBUG bitstreams", null, test => test.Target("S", "M", 3, "DD", "DM"), ["JOBTYPE", "DM"] },
        { "DEBUG bitstreams only in SDebug jobs", null, test => test.Target("J", "D", 7, "DD", "DBG"), ["JOBTYPE", "DBG"] },
        { "an SDebug job is not exported by export_prog_job", null, test => test.Jobs.Export("S", test.Folder.Path, "s", test.Folder.Path, _ => { }, _ => { }), ["JOBTYPE", "S"] },
        { "request as for programming jobs: not before a ticket", "S", test => test.Services.Handshake.ExportRequest("S", "T", test.RequestFile, test.Folder.Path, _ => { }, _ => { }),
            ["TASKSTATE", "T"] },
        { "export as for programming jobs: not before the request and reply", "S", test => test.Export(), ["TASKSTATE", "T"] },
    };

    [Theory]
    [MemberData(nameof(SeedRules))]
    public void A_seed_rule_on_debug_is_refused_and_changes_nothing(string rule, string? taskOfJob, Action<DebugJobExportTests> command, string[] code)
    {
        Assert.NotEmpty(rule);
        if (taskOfJob is not null)
        {
            Tasks.AddTask(taskOfJob, "T", HsmTask.External);
        }

        Refused(() => command(this), code);
    }

    [Fact]
    public void Export_writes_the_debug_job_and_no_other_file_and_its_secrets_open_on_the_bound_m_hsm_only()
    {
        Bind("S", "DBGDEV");
        var before = Directory.GetFiles(Folder.Path).ToHashSet();
        var path = Export();

        Assert.Equal([Path.Combine(Folder.Path, "cm.ddc")], Directory.GetFiles(Folder.Path).Where(file => !before.Contains(file)));
        var job = Read(path);
        Assert.Equal(("S", "T", DebugJob.JobType), (job.Description.JobName, job.Description.HsmTaskName, job.Description.JobType));
        Assert.Equal(("M2S010", "UEK1"), (job.Bitstreams["DBGDEV"].Die, job.Bitstreams["DBGDEV"].KeyMode));
        Assert.Equal((HsmTaskState.Exported, "cm.ddc"), (Task(job: "S").State, Task(job: "S").ExportedFile));
        var device = job.Description.Devices.Single(device => device.DeviceName == "DBGDEV");
        Assert.Equal([("Q_DBGDEV", "DEBUG", (long?)null)], device.TicketData!.Tickets.Select(ticket => (ticket.Name, ticket.Action, ticket.MaxDevices)));
        Assert.True(job.Description.Devices.Single(device => device.DeviceName == "BYP").IsBypass);

        var keys = KeysetKeys();
        using (var secrets = Open(_cmA, device))
        {
            Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK1", "DPK"], secrets.Names);
            Assert.Equal(("DEBUG", "ONE_TIME_PASSCODE", "UEK1"), (secrets.Text(TaskSecrets.Type), secrets.Text(TaskSecrets.Protocol), secrets.Text(TaskSecrets.KeyMode)));
            Assert.Equal(keys["UEK1"], secrets.Value("UEK1"));
            Assert.Equal(keys["DPK"], secrets.Value("DPK"));
        }

        Assert.Equal("NOT_BOUND_HERE", Assert.Throws<HsmException>(() => Open(_cmB, device)).Code);
    }

    [Fact]
    public void Export_reports_each_target_and_then_the_writing_of_the_debug_job()
    {
        Bind("S", "DBGDEV");
        var steps = new RecordingProgress();
        Services.HsmJobs.Export("S", "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add, CancellationToken.None, steps);
        Assert.Equal(
        [
            new WorkStep("Exporting HSM task 'T' of job 'S'", "target 'DBGDEV'", 0, 2),
            new WorkStep("Exporting HSM task 'T' of job 'S'", "writing 'cm.ddc'", 1, 2),
        ], steps.Steps);
    }

    [Theory]
    [InlineData("target 'DBGDEV'")]
    [InlineData("writing 'cm.ddc'")]
    public void Export_cancelled_at_a_step_writes_no_debug_job_and_leaves_the_task_as_it_was(string cancelledAt)
    {
        Bind("S", "DBGDEV");
        var before = ProjectContent();
        var files = Directory.GetFiles(Folder.Path);
        using var user = new CancellationTokenSource();
        var steps = new RecordingProgress(step => { if (step.Item == cancelledAt) { user.Cancel(); } });

        Assert.ThrowsAny<OperationCanceledException>(() => Services.HsmJobs.Export("S", "T", Folder.Path, "cm", Folder.Path, _messages.Add, _messages.Add, user.Token, steps));
        Assert.Equal(files, Directory.GetFiles(Folder.Path));
        Assert.Equal(before, ProjectContent());
        Assert.Equal(HsmTaskState.ReplyBound, Task(job: "S").State);
    }

    [Fact]
    public void Uek2_goes_as_the_security_settings_allow_it()
    {
        Service.SetSecurityOverwrite("DD", Spm(new SecurityPolicy { Uek1Enabled = true, Uek2Enabled = true }), Folder.Path);
        Service.InitBitstream("DD", Debug("DBG2", "UEK2"));
        Jobs.NewJob("S2", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S2", "DEV2", 1, "DD", "DBG2");
        Bind("S2", "DEV2");
        var device = Read(Export("S2")).Description.Devices.Single();
        using var secrets = Open(_cmA, device);
        Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK2", "DPK"], secrets.Names);
        Assert.Equal(KeysetKeys()["UEK2"], secrets.Value("UEK2"));
    }

    [Fact]
    public void Keys_the_initiator_makes_per_device_go_as_base_keys()
    {
        Data("DU", "M2S010", "ks");
        Service.InitBitstream("DU", new BitstreamRequest { Name = "UM", Type = "MASTER", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1", "DPK", "UPK1"] });
        Service.InitBitstream("DU", Debug("DBG"));
        Jobs.NewJob("S2", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S2", "DEV2", 1, "DU", "DBG");
        Bind("S2", "DEV2");
        using var secrets = Open(_cmA, Read(Export("S2")).Description.Devices.Single());
        Assert.Equal([TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode, "UEK1_BASE", "DPK_BASE"], secrets.Names);
        Assert.Equal(KeysetKeys()["DPK_BASE"], secrets.Value("DPK_BASE"));
    }

    // The export's own refusals (new with the debug job): each changes nothing and writes no file.
    private void RefusedExport(string job, params string[] code)
    {
        Refused(() => Export(job), code);
        Assert.Equal(HsmTaskState.ReplyBound, Task(job: job).State);
    }

    [Fact]
    public void An_export_without_an_initiator_to_say_whether_the_keys_are_per_device_is_refused()
    {
        Data("DN", "M2S010", "ks");
        Service.InitBitstream("DN", Debug("DBG"));
        Jobs.NewJob("S2", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S2", "DEV2", 1, "DN", "DBG");
        Bind("S2", "DEV2");
        RefusedExport("S2", "NOINITIATOR", "DBG");
    }

    [Fact]
    public void An_export_whose_initiators_disagree_on_per_device_keys_is_refused()
    {
        Service.InitBitstream("HD", Debug("DBG")); // HD's Initiators: MA (project keys) and MU (UEK1 per device)
        Jobs.NewJob("S2", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Target("S2", "DEV2", 1, "HD", "DBG");
        Bind("S2", "DEV2");
        RefusedExport("S2", "INITIATORS", "DBG");
    }

    [Fact]
    public void An_export_with_a_target_without_a_debug_ticket_is_refused()
    {
        Target("S", "OTHER", 3, "DD", "DBG");
        Bind("S", "DBGDEV");
        RefusedExport("S", "NOTICKET", "OTHER");
    }

    [Fact]
    public void An_export_with_a_target_from_a_stapl_file_is_refused()
    {
        Jobs.AddTarget("S", "EXT", 3, null, null, null, StaplFile, Folder.Path);
        Bind("S", "DBGDEV");
        RefusedExport("S", "JOBTYPE", "EXT");
    }

    [Fact]
    public void No_key_is_in_the_debug_job_the_project_the_request_the_reply_or_the_messages()
    {
        Bind("S", "DBGDEV");
        var path = Export();
        var files = new[] { path, RequestFile, Path.Combine(Folder.Path, "t.rep") }.Concat(Directory.EnumerateFiles(Workspace.Project!.Folder, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".guard", StringComparison.Ordinal))).ToList(); // the open project's lock file, empty and held
        foreach (var key in KeysetKeys().Values)
        {
            files.ForEach(file => SecretScan.AssertAbsent(key, file));
            SecretScan.AssertAbsentFromText(key, string.Join("\n", _messages), "the messages");
        }
    }
}
