using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.FpExpress.Programmer;
using Spps.FpExpress.Projects;
using Spps.Hsm;
using Spps.Silicon;

namespace Spps.FpExpress.Tests;

/// <summary>
/// run_selected_actions and scan_chain_prg on a board of virtual devices: a job without an HSM task and the secure
/// flow's HSM job programmed device by device, and every refusal before a device or a ticket is touched.
/// </summary>
public sealed class ProductionRunTests : FpExpressTest
{
    private string Location => Folder.Combine("station", "line1");

    private ProgrammerService Programmer => Services.Programmer;

    // A job without an HSM task, of one M2S010 target, and its board (1) connected.
    private TestBoard OneTargetBoard()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010"), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010", "M2S010");
        Programmer.Connect(board);
        return board;
    }

    [Fact]
    public void A_job_without_an_hsm_task_programs_every_target_and_leaves_the_bypassed_device_alone()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010", "MPF300"), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010", "M2S010", "MPF300");
        Programmer.Connect(board);

        Assert.Empty(ChainScan.Problems(Services.JobProjects.RequireProject().Job, board));
        var outcomes = Services.ProductionRun.Run(Infos.Add, Warnings.Add);

        Assert.Equal([("FPGA1", true), ("FPGA2", true)], outcomes.Select(outcome => (outcome.Device, outcome.Result.Passed)));
        Assert.Equal(0, board[1].State.Cycles);
        Assert.Equal((1, "PlainD1"), (board[2].State.Cycles, board[2].State.DesignName));
        Assert.Equal((1, "PlainD2"), (board[3].State.Cycles, board[3].State.DesignName));
        Assert.Equal(2, board.Saves);
        Assert.Contains(Infos, line => line.StartsWith($"Board 1, device 'FPGA1' (M2S010, DSN {board[2].Dsn}): PROGRAM PASSED (exit code 0: ", StringComparison.Ordinal));
        var record = ProductionRecord.Load(Location, "Plain", Warnings.Add);
        Assert.Equal([("FPGA1", "PROGRAM", true, 0), ("FPGA2", "PROGRAM", true, 0)], record.Results.Select(result => (result.Device, result.Action, result.Passed, result.Code)));
        Assert.Equal(board[3].Dsn.ToString(), record.Results[1].Dsn);
        Assert.Empty(record.Cocs);
    }

    [Fact]
    public void A_run_cancelled_while_its_first_device_is_programmed_finishes_that_device_records_it_and_leaves_the_next_alone()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010", "MPF300"), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010", "M2S010", "MPF300");
        Programmer.Connect(board);
        using var user = new CancellationTokenSource();
        var progress = new RecordingProgress(_ => user.Cancel()); // at FPGA1's step: a Ctrl-C while it is programmed

        var error = Assert.Throws<StepsKeptException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add, user.Token, progress));

        Assert.Equal("it stopped before device 'FPGA2'; the 1 device(s) done before it keep their results, which stay in the production record.", error.Message);
        Assert.Equal([new WorkStep("Running the selected actions on board 1", "PROGRAM on 'FPGA1'", 0, 2)], progress.Steps);
        Assert.Equal((1, 0), (board[2].State.Cycles, board[3].State.Cycles));
        var record = ProductionRecord.Load(Location, "Plain", Warnings.Add);
        Assert.Equal(["FPGA1"], record.Results.Select(result => result.Device));
    }

    [Fact]
    public void A_run_cancelled_before_its_first_device_touches_and_records_nothing()
    {
        var board = OneTargetBoard();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add, new CancellationToken(canceled: true)));

        Assert.IsNotType<StepsKeptException>(error);
        Assert.Equal(0, board[2].State.Cycles);
        Assert.Empty(ProductionRecord.Load(Location, "Plain", Warnings.Add).Results);
    }

    [Fact]
    public void A_target_s_programming_file_is_decoded_once_while_its_project_is_open_and_every_board_is_programmed_from_it()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010"), false, Folder.Path, Warnings.Add);
        var project = Services.JobProjects.RequireProject();
        var target = project.Job.Targets.Single();
        Programmer.Connect(new TestBoard(1, "M2S010", "M2S010"));
        Assert.True(Services.ProductionRun.Run(Infos.Add, Warnings.Add).Single().Result.Passed);
        var decoded = project.ProgrammingFileOf(target);

        // The next board is programmed from the file the project holds, not from the job decoded again: a byte changed in
        // the held bitstream is what the device sees, and refuses.
        decoded.Bitstream[^1] ^= 1;
        Programmer.Connect(new TestBoard(2, "M2S010", "M2S010"));
        Assert.False(Services.ProductionRun.Run(Infos.Add, Warnings.Add).Single().Result.Passed);
        Assert.Same(decoded, project.ProgrammingFileOf(target));

        // Closing the project drops what it decoded: opened again, the job's file is decoded afresh and programs.
        Services.JobProjects.Close(save: false);
        var reopened = Services.JobProjects.Open(Path.Combine(Location, "Plain.pro"), Folder.Path, Warnings.Add);
        Assert.NotSame(decoded, reopened.ProgrammingFileOf(reopened.Job.Targets.Single()));
        Programmer.Connect(new TestBoard(3, "M2S010", "M2S010"));
        Assert.True(Services.ProductionRun.Run(Infos.Add, Warnings.Add).Single().Result.Passed);
    }

    [Fact]
    public void A_device_whose_factory_key_modes_are_disabled_refuses_the_master_under_the_klk_and_keeps_its_design()
    {
        var board = OneTargetBoard();
        Services.ProductionRun.Run(Infos.Add, Warnings.Add);
        Assert.True(board[2].State.FactoryModesDisabled);
        var before = board.Snapshot();

        var again = Assert.Single(Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal((false, SiliconCodes.ProgrammingDisabled), (again.Result.Passed, again.Result.Code));
        Assert.Equal(before, board.Snapshot());
        Assert.Contains(Warnings, line => line.Contains("PROGRAM FAILED (exit code 32847: Bitstream programming action is disabled.", StringComparison.Ordinal));
        Assert.Equal([true, false], ProductionRecord.Load(Location, "Plain", Warnings.Add).Results.Select(result => result.Passed));
    }

    [Fact]
    public void An_hsm_job_spends_one_ticket_per_device_programmed_and_its_status_carries_the_devices_cocs()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(maxDevices: 3), false, Folder.Path, Warnings.Add);
        var boards = new[] { new TestBoard(1, "M2S010"), new TestBoard(2, "M2S010") };

        foreach (var board in boards)
        {
            Programmer.Connect(board);
            var outcome = Assert.Single(Services.ProductionRun.Run(Infos.Add, Warnings.Add));
            Assert.True(outcome.Result.Passed, outcome.Result.Message);
        }

        Assert.Equal([("T_PROG", 2L), ("T_VER", 0L)], HeldTickets().OrderBy(ticket => ticket.TicketName).Select(ticket => (ticket.TicketName, ticket.Used)));
        var record = ProductionRecord.Load(Location, "Line1", Warnings.Add);
        Assert.Equal(boards.Select(board => board[1].Dsn.ToString()), record.Cocs.Select(coc => coc.Dsn));
        Assert.Equal(boards.Select(board => board[1].State.LastCoc), record.Cocs.Select(coc => coc.Coc));
        Assert.Equal(1, Services.JobStatus.GetStatus(null, Folder.Path, Infos.Add, Warnings.Add).DevicesLeft);
    }

    [Fact]
    public void After_an_hsm_program_the_device_s_verify_is_authorised_under_its_uek1_and_passes()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010");
        Programmer.Connect(board);
        Services.ProductionRun.Run(Infos.Add, Warnings.Add);
        Assert.True(board[1].State.FactoryModesDisabled);

        Services.JobProjects.SetAction("FPGA", "VERIFY");
        var verify = Assert.Single(Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.True(verify.Result.Passed, verify.Result.Message);
        Assert.Equal([("T_PROG", 1L), ("T_VER", 1L)], HeldTickets().OrderBy(ticket => ticket.TicketName).Select(ticket => (ticket.TicketName, ticket.Used)));
    }

    [Fact]
    public void A_second_hsm_program_of_a_device_with_user_keys_is_refused_by_the_m_hsm_before_its_ticket_is_spent()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010");
        Programmer.Connect(board);
        Services.ProductionRun.Run(Infos.Add, Warnings.Add);
        var (held, design) = (HeldTickets(), board[1].State.Components.ToList());

        var error = Assert.Throws<HsmException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal(["SPPS", "HSM", "KEY_MODE_DISABLED"], error.ErrorCode);
        Assert.Contains($"(DSN {board[1].Dsn}): The device {board[1].Dsn} says its factory key modes are disabled (user keys are loaded)", error.Message, StringComparison.Ordinal);
        Assert.Equal(held, HeldTickets());
        Assert.Equal(design, board[1].State.Components.ToList());
    }

    [Fact]
    public void A_spent_ticket_is_refused_by_the_m_hsm_and_the_next_board_is_left_as_it_was()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(maxDevices: 1), false, Folder.Path, Warnings.Add);
        Programmer.Connect(new TestBoard(1, "M2S010"));
        Services.ProductionRun.Run(Infos.Add, Warnings.Add);
        var next = new TestBoard(2, "M2S010");
        Programmer.Connect(next);
        var (before, held, record) = (next.Snapshot(), HeldTickets(), File.ReadAllBytes(ProductionLog.PathFor(Location, "Line1")));

        var error = Assert.Throws<HsmException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.StartsWith($"The M-HSM refused ticket T_PROG (PROGRAM) of job 'Line1' for device 'FPGA' of board 2 (DSN {next[1].Dsn}): ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "HSM", "TICKET_SPENT"], error.ErrorCode);
        Assert.Equal(before, next.Snapshot());
        Assert.Equal(held, HeldTickets());
        Assert.Equal(record, File.ReadAllBytes(ProductionLog.PathFor(Location, "Line1")));
        Assert.Equal(0, next.Saves);
    }

    [Fact]
    public void An_action_without_a_ticket_is_refused_before_the_m_hsm_is_asked()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        Services.JobProjects.SetAction("FPGA", "erase");
        var board = new TestBoard(1, "M2S010");
        Programmer.Connect(board);
        var (before, held) = (board.Snapshot(), HeldTickets());

        var error = Assert.Throws<DomainException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal("Job 'Line1' has no ERASE ticket for device 'FPGA', so its M-HSM cannot authorise ERASE; its tickets: T_PROG (PROGRAM), T_VER (VERIFY). " +
                     "Select another action with set_programming_action.", error.Message);
        Assert.Equal(["SPPS", "NOTICKET", "FPGA", "ERASE"], error.ErrorCode);
        Assert.Equal(before, board.Snapshot());
        Assert.Equal(held, HeldTickets());
        Assert.False(File.Exists(ProductionLog.PathFor(Location, "Line1")));
    }

    [Fact]
    public void A_completed_job_runs_no_ticketed_action()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        Services.JobStatus.Complete(debugJob: false, null, terminate: true, Folder.Path, Infos.Add, Warnings.Add);
        var board = new TestBoard(1, "M2S010");
        Programmer.Connect(board);

        var error = Assert.Throws<DomainException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal(["SPPS", "COMPLETED", "Line1"], error.ErrorCode);
        Assert.Equal(0, board.Saves);
    }

    [Fact]
    public void A_back_level_bitstream_is_refused_by_the_station_before_a_ticket_is_spent()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, HsmJobForThisModule(), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, "M2S010");
        Programmer.Connect(board);
        board[1].State.DesignName = "Newer";
        board[1].State.BackLevel = 3;
        board[1].State.PolicyFlags = SecurityComponent.Flags(SecurityComponent.PolicyOf(0) with { BackLevelProtection = true });
        var (before, held) = (board.Snapshot(), HeldTickets());

        var error = Assert.Throws<DomainException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal($"The device 'FPGA' of board 1 (DSN {board[1].Dsn}) would refuse the PROGRAM of job 'Line1': Back level not satisfied. (design version 3 is not " +
                     "greater than the device's back level 3). No ticket was spent.", error.Message);
        Assert.Equal(before, board.Snapshot());
        Assert.Equal(held, HeldTickets());
    }

    [Theory]
    [InlineData(new[] { "M2S010", "MPF300", "M2S010" }, "position 2: job 'Plain' expects device 'FPGA1' (M2S010, IDCODE {0}) but the board has device 2 (MPF300, IDCODE {1}, DSN {2}), swapped with position 3.")]
    [InlineData(new[] { "M2S010", "M2S010" }, "position 3: device 'FPGA2' (MPF300) is missing: the board's chain ends at position 2.")]
    [InlineData(new[] { "M2S010", "M2S010", "MPF300", "M2S010" }, "position 4: an extra device 4 (M2S010, IDCODE {0}, DSN {3}), which job 'Plain' does not have.")]
    [InlineData(new[] { "M2S010", "M2S010", "M2S025" }, "position 3: job 'Plain' expects device 'FPGA2' (MPF300, IDCODE {1}) but the board has device 3 (M2S025, IDCODE {4}, DSN {5}).")]
    public void A_board_whose_chain_is_not_the_job_s_is_refused_naming_each_difference_and_nothing_runs(string[] dies, string problem)
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010", "MPF300"), false, Folder.Path, Warnings.Add);
        var board = new TestBoard(1, dies);
        Programmer.Connect(board);
        var before = board.Snapshot();

        var error = Assert.Throws<DomainException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        string IdCode(string die) => DeviceCatalog.Find(die).Die.IdCodeText;
        string DsnAt(int position) => position <= dies.Length ? board[position].Dsn.ToString() : string.Empty;
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, problem, IdCode("M2S010"), IdCode("MPF300"), DsnAt(2), DsnAt(4), IdCode("M2S025"), DsnAt(3)),
            error.Message, StringComparison.Ordinal);
        Assert.StartsWith("The chain of board 1 is not the chain of job 'Plain': ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "CHAIN", "1"], error.ErrorCode);
        Assert.Equal(before, board.Snapshot());
        Assert.Equal(0, board.Saves);
        Assert.False(File.Exists(ProductionLog.PathFor(Location, "Plain")));
    }

    [Fact]
    public void Without_a_board_the_programmer_commands_are_refused()
    {
        UseLocalModule();
        Services.JobProjects.Create(Location, Oe.PlainJob("Plain", "M2S010"), false, Folder.Path, Warnings.Add);

        var error = Assert.Throws<DomainException>(() => Services.ProductionRun.Run(Infos.Add, Warnings.Add));

        Assert.Equal("No board is connected. Use connect_bench -bench DIR -board N first.", error.Message);
        File.WriteAllText(Folder.Combine("x.stp"), "not read without a board");
        Assert.Equal(["SPPS", "NOBOARD"], TclFails($"program_file -file {{{Folder.Combine("x.stp")}}} -action PROGRAM").ErrorCode);
    }
}
