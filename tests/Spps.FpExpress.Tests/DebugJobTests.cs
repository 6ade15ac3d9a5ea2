using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Jobs;
using Spps.FpExpress.Projects;
using Spps.Hsm;
using Spps.Silicon;

namespace Spps.FpExpress.Tests;

/// <summary>
/// A SmartDebug job on the station: the OE's HSM job (an Initiator loading UEK1 and the DPK under a policy that locks
/// debug) programs the bench's devices, then the debug job of the same project opens as a job project and
/// unlock_debug spends a DEBUG ticket for one device's challenge. Every refusal leaves the M-HSM's counts as they were.
/// </summary>
public sealed class DebugJobTests : FpExpressTest
{
    private static readonly SecurityPolicy _debugLocked = new() { DebugLocked = true, Uek2Enabled = true };

    private TestBoard[] _boards = [];

    private string Line => Folder.Combine("station", "line1");

    private string DebugLine => Folder.Combine("station", "debug");

    private void Process(string request, string reply) => Services.ManufacturerHsm.ProcessJobRequest(request, reply, false, Folder.Path, Infos.Add);

    // The programming job and the debug job of one OE project, the boards programmed with the Initiator, and the debug
    // job's project left open.
    private TestBoard[] Programmed(long maxUnlocks = 2, string keyMode = "UEK1", SecurityPolicy? policy = null, int boards = 1)
    {
        UseLocalModule();
        var job = Oe.HsmJob(MHsmUuid, Process, maxDevices: 3, policy: policy ?? _debugLocked);
        var ddc = Oe.DebugJob(Process, maxUnlocks, keyMode: keyMode);
        Services.JobProjects.Create(Line, job, false, Folder.Path, Warnings.Add);
        var programmed = _boards = [.. Enumerable.Range(1, boards).Select(number => new TestBoard(number, "M2S010"))];
        foreach (var board in programmed)
        {
            Services.Programmer.Connect(board);
            Assert.True(Services.ProductionRun.Run(Infos.Add, Warnings.Add).Single().Result.Passed);
        }

        Services.JobProjects.Close(save: true);
        Services.JobProjects.Create(DebugLine, ddc, false, Folder.Path, Warnings.Add);
        Services.Programmer.Connect(programmed[0]);
        return programmed;
    }

    private long DebugUses() => HeldTickets().Single(ticket => ticket.TicketName == "T_DEBUG").Used;

    private IReadOnlyList<string> Unlock(string? passcodeFile = null, string? savePasscode = null)
    {
        var outcome = Services.Debug.Unlock("FPGA", passcodeFile, savePasscode, Infos.Add, Warnings.Add);
        return [outcome.Device, outcome.Result.Passed ? "PASSED" : "FAILED"];
    }

    [Fact]
    public void A_debug_job_opens_as_a_job_project_whose_target_s_action_is_debug()
    {
        Programmed();

        var project = Services.JobProjects.RequireProject();
        Assert.True(project.Job.IsDebugJob);
        Assert.Equal(ProgrammingActions.Debug, project.ActionOf(project.Job.Targets.Single()));
        Assert.True(File.Exists(Path.Combine(DebugLine, "Line1Debug.ddc")));
        Assert.Equal(("M2S010", "UEK1"), (project.Job.DebugBitstream(project.Job.Targets.Single()).Die, project.Job.DebugBitstream(project.Job.Targets.Single()).KeyMode));

        Services.JobProjects.Close(save: null);
        var reopened = Services.JobProjects.Open(Path.Combine(DebugLine, "Line1Debug.pro"), Folder.Path, Warnings.Add);
        Assert.True(reopened.Job.IsDebugJob);
    }

    [Theory]
    [InlineData(true, "\"DEBUG\"", "\"PROGRAM\"", "the action 'PROGRAM' of device 'FPGA' is not one of a debug job (.ddc)")]
    [InlineData(false, "\"PROGRAM\"", "\"DEBUG\"", "the action 'DEBUG' of device 'FPGA' is not one of a programming job (.job)")]
    public void A_project_whose_action_is_not_one_of_its_kind_of_job_is_refused_at_open(bool debugJob, string from, string to, string reason)
    {
        Programmed();
        Services.JobProjects.Close(save: null);
        var project = debugJob ? Path.Combine(DebugLine, "Line1Debug.pro") : Path.Combine(Line, "Line1.pro");
        File.WriteAllText(project, File.ReadAllText(project).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<DomainException>(() => Services.JobProjects.Open(project, Folder.Path, Warnings.Add));

        Assert.Equal(["SPPS", "CORRUPT", project], error.ErrorCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Null(Services.JobProjects.Project);
    }

    [Fact]
    public void Unlock_debug_spends_one_debug_ticket_opens_the_device_records_the_unlock_and_read_debug_info_shows_it()
    {
        var board = Programmed()[0];
        Assert.Equal(DebugAccess.Locked, board[1].DebugAccess);
        var locked = Assert.Throws<DomainException>(() => Services.Debug.ReadInfo("FPGA"));
        Assert.Equal(["SPPS", "DEBUGLOCKED", "FPGA"], locked.ErrorCode);

        Assert.Equal(["FPGA", "PASSED"], Unlock());

        Assert.Equal(DebugAccess.Unlocked, board[1].DebugAccess);
        Assert.Equal(1, DebugUses());
        Assert.Contains(Infos, line => line.StartsWith($"Board 1, device 'FPGA' (M2S010, DSN {board[1].Dsn}): DEBUG PASSED (exit code 0: UNLOCK_DEBUG passed", StringComparison.Ordinal));
        var result = ProductionRecord.Load(DebugLine, "Line1Debug", Warnings.Add).Results.Single();
        Assert.Equal(("FPGA", board[1].Dsn.ToString(), ProgrammingActions.Debug, true), (result.Device, result.Dsn, result.Action, result.Passed));
        var info = Services.Debug.ReadInfo("FPGA");
        Assert.Contains($"Design = Line1Board, version 3, back level 0, checksum {board[1].State.Checksum:X4}", info);
        Assert.Contains(info, line => line.StartsWith("Debug = unlocked", StringComparison.Ordinal));
        Assert.Contains($"Component FABRIC = {board[1].State.Components["FABRIC"]}", info);
    }

    [Fact]
    public void A_passcode_is_not_both_given_from_a_file_and_kept_and_nothing_is_asked()
    {
        var board = Programmed()[0];
        var before = board.Snapshot();

        var error = Assert.Throws<DomainException>(() => Unlock(passcodeFile: Folder.Combine("kept.bin"), savePasscode: Folder.Combine("new.bin")));

        Assert.Equal(["SPPS", "BADVALUE", "-save_passcode", Folder.Combine("new.bin")], error.ErrorCode);
        Assert.Equal((0L, before, DebugAccess.Locked), (DebugUses(), board.Snapshot(), board[1].DebugAccess));
    }

    [Fact]
    public void A_replayed_passcode_is_refused_by_the_device_which_stays_locked_and_nothing_is_spent()
    {
        var board = Programmed()[0];
        var kept = Folder.Combine("passcode.bin");
        Unlock(savePasscode: kept);
        Assert.True(File.Exists(kept));

        Assert.Equal(["FPGA", "FAILED"], Unlock(passcodeFile: kept));

        Assert.Equal(DebugAccess.Locked, board[1].DebugAccess);
        Assert.Equal(1, DebugUses());
        Assert.Contains(Warnings, line => line.Contains("DEBUG FAILED (exit code 18: Authentication failure: the authorisation code answers a challenge that is not this device's live challenge (it was replayed", StringComparison.Ordinal));
        Assert.Equal([true, false], ProductionRecord.Load(DebugLine, "Line1Debug", Warnings.Add).Results.Select(result => result.Passed));
    }

    [Fact]
    public void A_passcode_of_another_device_is_refused_and_nothing_is_spent()
    {
        var boards = Programmed(boards: 2);
        var kept = Folder.Combine("passcode.bin");
        Unlock(savePasscode: kept);
        Services.Programmer.Connect(boards[1]);

        Assert.Equal(["FPGA", "FAILED"], Unlock(passcodeFile: kept));

        Assert.Equal(DebugAccess.Locked, boards[1][1].DebugAccess);
        Assert.Equal(1, DebugUses());
        Assert.Contains(Warnings, line => line.Contains($"Authentication failure: the authorisation code is for device {boards[0][1].Dsn}, not for this device ({boards[1][1].Dsn})", StringComparison.Ordinal));
    }

    /// <summary>Refusals before the device takes a passcode: each names its cause and spends nothing of the M-HSM.</summary>
    public static TheoryData<string, Action<DebugJobTests>, Action<DebugJobTests>, string[], string> Refusals => new()
    {
        {
            "a spent DEBUG ticket", test => _ = test.Programmed(maxUnlocks: 1),
            test =>
            {
                test.Unlock();
                test._boards[0][1].Challenge(); // a new session locks debug again
            },
            ["HSM", "TICKET_SPENT"], "The M-HSM refused ticket T_DEBUG (DEBUG) of job 'Line1Debug' for device 'FPGA' of board 1"
        },
        {
            "a UEK2 DEBUG target for a device that holds no UEK2", test => _ = test.Programmed(keyMode: "UEK2"),
            test => test._boards[0][1].State.UserKeys.Remove("UEK2"), // as a device an Initiator without UEK2 programmed
            ["HSM", "KEY_MODE_DISABLED"], "The M-HSM refused ticket T_DEBUG (DEBUG)"
        },
        {
            "a device whose policy does not lock debug", test => _ = test.Programmed(policy: new SecurityPolicy()), _ => { },
            ["REFUSED", "FPGA", "DEBUG"], "the security policy does not lock debug: there is nothing to unlock"
        },
        {
            "a device never programmed (its debug is not locked)", test => _ = test.Programmed(),
            test => test.Services.Programmer.Connect(new TestBoard(9, "M2S010")),
            ["REFUSED", "FPGA", "DEBUG"], "there is nothing to unlock"
        },
        {
            "a device unlocked already", test => _ = test.Programmed(), test => test.Unlock(),
            ["REFUSED", "FPGA", "DEBUG"], "debug is unlocked already"
        },
        {
            "a board of another die", test => _ = test.Programmed(), test => test.Services.Programmer.Connect(new TestBoard(9, "MPF300")),
            ["CHAIN"], "job 'Line1Debug' expects device 'FPGA' (M2S010"
        },
        {
            "a completed debug job", test => _ = test.Programmed(),
            test => test.Services.JobStatus.Complete(debugJob: true, null, terminate: true, test.Folder.Path, test.Infos.Add, test.Warnings.Add),
            ["COMPLETED", "Line1Debug"], "its tickets are gone from the M-HSM"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_unlock_names_its_cause_and_spends_nothing(string row, Action<DebugJobTests> setUp, Action<DebugJobTests> before,
        string[] code, string message)
    {
        Assert.NotEmpty(row);
        setUp(this);
        before(this);
        var held = HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)).ToList();
        var recorded = ProductionRecord.Load(DebugLine, "Line1Debug", Warnings.Add).Results.Count;

        var error = Assert.ThrowsAny<DomainException>(() => Unlock());

        Assert.Equal(["SPPS", .. code], error.ErrorCode.Take(code.Length + 1));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(held, HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)));
        Assert.Equal(recorded, ProductionRecord.Load(DebugLine, "Line1Debug", Warnings.Add).Results.Count);
    }

    /// <summary>The commands each kind of job refuses, with what the refusal names instead.</summary>
    private static readonly (bool DebugJob, Action<FpExpressServices> Command, string Instead)[] _otherKindsCommands =
    [
        (true, services => services.JobProjects.SetAction("FPGA", "VERIFY"), "set_programming_action runs on a programming job (.job) only. Use unlock_debug -device NAME instead."),
        (true, services => services.ProductionRun.Run(_ => { }, _ => { }), "Use unlock_debug -device NAME (then read_debug_info -device NAME) instead."),
        (true, services => services.JobStatus.Complete(debugJob: false, null, true, ".", _ => { }, _ => { }), "Use complete_debug_job instead."),
        (false, services => services.Debug.Unlock("FPGA", null, null, _ => { }, _ => { }),
            "unlock_debug runs on a debug job (.ddc, export_hsmtask of an SDebug job) only. Use set_programming_action and run_selected_actions instead."),
        (false, services => services.Debug.ReadInfo("FPGA"), "read_debug_info runs on a debug job (.ddc, export_hsmtask of an SDebug job) only."),
        (false, services => services.JobStatus.Complete(debugJob: true, null, true, ".", _ => { }, _ => { }), "Use complete_prog_job instead."),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_commands_of_the_other_kind_of_job_are_refused_naming_what_to_use(bool debugJob)
    {
        var board = Programmed()[0];
        if (!debugJob)
        {
            Services.JobProjects.Close(save: null);
            Services.JobProjects.Open(Path.Combine(Line, "Line1.pro"), Folder.Path, Warnings.Add);
        }

        var (held, device) = (HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)).ToList(), board.Snapshot());
        foreach (var (_, command, instead) in _otherKindsCommands.Where(row => row.DebugJob == debugJob))
        {
            var error = Assert.Throws<DomainException>(() => command(Services));

            Assert.Equal(["SPPS", "JOBKIND"], error.ErrorCode.Take(2));
            Assert.Contains(instead, error.Message, StringComparison.Ordinal);
            Assert.Contains(debugJob ? "is a debug job (.ddc)" : "is a programming job (.job)", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(held, HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)));
        Assert.Equal(device, board.Snapshot());
        Assert.False(Services.JobProjects.RequireProject().IsModified);
    }

    [Fact]
    public void Complete_debug_job_takes_terminate_as_a_flag_and_ends_the_debug_task_with_its_certifier()
    {
        Programmed();
        Unlock();
        var end = Folder.Combine("debug_end.status");

        Services.JobProjects.Close(save: null);
        var path = Tcl($$"""
            open_project -project {{{Path.Combine(DebugLine, "Line1Debug.pro")}}}
            get_job_status
            complete_debug_job -job_status_file {{{end}}} -terminate
            """);

        Assert.Equal(end, path);
        Assert.True(File.Exists(end));
        Assert.DoesNotContain(HeldTickets(), ticket => ticket.TicketName == "T_DEBUG");
        Assert.NotNull(ProductionRecord.Load(DebugLine, "Line1Debug", Warnings.Add).Completed);
    }

    [Fact]
    public void The_oe_imports_the_debug_job_s_statuses_whose_device_rows_are_debug_unlocks_counted_as_the_m_hsm_counted_them()
    {
        var board = Programmed(maxUnlocks: 2)[0];
        Unlock();
        var (interim, end) = (Folder.Combine("exchange", "dbg_1.status"), Folder.Combine("exchange", "dbg_end.status"));
        Assert.Equal(1, Services.JobStatus.GetStatus(interim, Folder.Path, Infos.Add, Warnings.Add).DevicesLeft);
        Services.JobStatus.Complete(debugJob: true, end, terminate: true, Folder.Path, Infos.Add, Warnings.Add);
        var report = Folder.Combine("debug_report.html");

        var imported = Oe.Tcl($$"""
            open_project -project {{{Folder.Combine("oe", "HLine1", "HLine1.jprj")}}}
            import_job_status -job_status_file {{{interim}}}
            set end [import_job_status -job_status_file {{{end}}}]
            set task [report_hsmtask -job_name Line1Debug -hsmtask_name DBG]
            export_job_report -job_name Line1Debug -hsmtask_name DBG -file {{{report}}}
            close_project -save TRUE
            list [dict get $end tickets] [dict get $end devices] [dict get [lindex [dict get [lindex [dict get $task tasks] 0] statuses] end] debug_unlocks]
            """);

        var reason = "a debug unlock: the M-HSM spent DEBUG ticket 'T_DEBUG' for a one-time passcode of this device's challenge";
        Assert.Contains("action DEBUG max_device 2 used 1 remaining 1", imported, StringComparison.Ordinal);
        Assert.Contains($"dsn {board[1].Dsn} target FPGA ticket T_DEBUG action DEBUG", imported, StringComparison.Ordinal);
        Assert.Contains($"result AUTHORISED coc NONE reason {{{reason}", imported, StringComparison.Ordinal);
        Assert.EndsWith("} 1", imported, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), File.ReadAllText(report), StringComparison.Ordinal);
    }

    /// <summary>
    /// A ticket of the other kind in a job, as only an altered job carries it (the Job Manager refuses both): the job is
    /// refused when the project is made, before any M-HSM or device is asked.
    /// </summary>
    [Theory]
    [InlineData(false, "PROGRAM", "DEBUG", "device 'FPGA' carries the DEBUG ticket 'T_PROG', which only a debug job (.ddc) carries")]
    [InlineData(true, "DEBUG", "PROGRAM", "a ticket of target 'FPGA' is not a named DEBUG ticket")]
    public void A_ticket_of_the_other_kind_of_job_is_refused_when_the_project_is_made(bool debugJob, string from, string to, string reason)
    {
        UseLocalModule();
        var job = Oe.HsmJob(MHsmUuid, Process, policy: _debugLocked);
        var path = debugJob ? Oe.DebugJob(Process) : job;
        var altered = Folder.Combine("altered", Path.GetFileName(path));
        Directory.CreateDirectory(Path.GetDirectoryName(altered)!);
        File.WriteAllBytes(altered, WithTicketAction(File.ReadAllBytes(path), from, to));
        var held = HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)).ToList();

        var error = Assert.Throws<DomainException>(() => Services.JobProjects.Create(Folder.Combine("p"), altered, false, Folder.Path, Warnings.Add));

        Assert.Equal(["SPPS", "BADJOB", altered], error.ErrorCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("p")));
        Assert.Equal(held, HeldTickets().Select(ticket => (ticket.TicketName, ticket.Used)));
    }

    // The job with its first ticket of action from turned into action to, written again with the container's writer.
    private static byte[] WithTicketAction(byte[] content, string from, string to)
    {
        var container = JobContainerFile.Read(new MemoryStream(content), "job");
        var members = container.Members.Select(member =>
        {
            if (member.Entry is not { Name: JobMemberEntry.JobDescriptionName, Kind: null })
            {
                return JobMemberSource.FromBytes(member.Entry.Name, member.Entry.Kind, member.Content);
            }

            var description = JobDescriptionXml.Read(member.Content, "job");
            var devices = description.Devices.Select(device => device.TicketData is not { } data ? device : device with
            {
                TicketData = data with { Tickets = [.. data.Tickets.Select((ticket, index) => index == 0 && ticket.Action == from ? ticket with { Action = to } : ticket)] },
            });
            return JobMemberSource.FromBytes(member.Entry.Name, null, JobDescriptionXml.ToBytes(description with { Devices = [.. devices] }));
        });
        using var output = new MemoryStream();
        JobContainerWriter.Write(output, container.Header, [.. members]);
        return output.ToArray();
    }
}
