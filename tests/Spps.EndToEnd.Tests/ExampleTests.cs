namespace Spps.EndToEnd.Tests;

/// <summary>The examples are the README's main job: they must run, from any folder, again and again.</summary>
public sealed class ExampleTests : EndToEndTest
{
    [Fact]
    public void The_first_project_example_runs_twice_with_jdcgen_inputs_and_the_embedded_hsm_and_shows_each_error_kind()
    {
        var first = RunExample("first_project.tcl");
        foreach (var code in new[] { "SPPS MISSING name", "SPPS PROJECTOPEN", "SPPS BADVALUE -save maybe", "SPPS FAMILY M2S010", "SPPS EXISTS", "SPPS BADKEY -uek2", "SPPS DATAEXISTS Board", "SPPS HSMJOBONLY Initiator" })
        {
            Assert.Contains(code, first.Stdout);
        }

        Assert.True(File.Exists(Work("out", "FirstProject", "FirstProject.jprj")));
        Assert.Equal(["imported.ks", "production.ks", "rotated.ks"], Directory.GetFiles(Work("out", "keysets")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Folder.Combine("home", "hsm", "hsm.db")), "the embedded HSM is created on first use");
        Assert.Contains("Keys:             UPK1 (SPM), UEK1 (SPM), UPK2 (SPM), UEK2 (set_key), DPK (SPM)", first.Stdout);
        Assert.Contains("Flow:             HSM, keyset 'production.ks'", first.Stdout);
        string[] board = [.. new[] { "Factory", "Initiator", "Rotation_rotate_1_uks2", "Update" }.SelectMany(name => new[] { ".dat", ".spi", ".stp" }.Select(ext => $"board_{name}{ext}"))];
        Assert.Equal(["board.spidir", .. board, "soc_0123456789ABCDEF.stp"], Directory.GetFiles(Work("out", "bitstreams")).Select(Path.GetFileName).Order());
        Assert.Equal(0, JobManager.Run(Example("first_project.tcl"), Work("out")).ExitCode);
    }

    [Fact]
    public void The_production_job_example_runs_the_whole_non_hsm_flow_twice_its_job_reads_back_and_the_cm_programs_it_on_a_bench()
    {
        var first = RunExample("production_job.tcl");
        string[] bitstreams = [.. new[] { "factory", "production" }.SelectMany(name => new[] { ".dat", ".spi", ".stp" }.Select(ext => $"controller_{name}{ext}"))];
        Assert.Equal(["board_production.job", .. bitstreams], Directory.GetFiles(Work("out", "production")).Select(Path.GetFileName).Order());
        Assert.Contains("chain    3 devices, 22 IR bits in all, TCK at most 20 MHz; job board_production.job", first.Stdout);

        using (var stream = File.OpenRead(Work("out", "production", "board_production.job")))
        {
            var job = Spps.Formats.Jobs.JobContainerFile.Read(stream, "board_production.job");
            var devices = Spps.Formats.Jobs.JobDescriptionXml.Read(job.Member("XML", null)!.Content, "XML").Devices;
            Assert.Equal([("HousekeepingCpld", "HK_CPLD_TQ100", false), ("Controller", "M2S025", true), ("Companion", "M2GL010", true)],
                devices.Select(device => (device.DeviceName, device.DeviceType, device.IsMicrochip)));
            Assert.Equal("Controller_2.stp", job.Members[0].Entry.Name);
        }

        RunExample("production_job.tcl");
        FpExpress.Environment["SPPS_BENCH"] = BenchProgram.TclCommand;
        var bench = RunExample("production_bench.tcl", FpExpress);
        foreach (var board in new[] { 1, 2 })
        {
            Assert.Contains($"Info: The chain of board {board} is the chain of job 'Board'.\n", bench.Stdout);
            Assert.Contains($"Board {board} programmed: Controller PASSED\nInfo: Device 'Controller': action VERIFY_DIGEST.\n", bench.Stdout);
            Assert.Contains($"Board {board} verified: Controller PASSED\n", bench.Stdout);
        }

        Assert.Contains("\n  2. M2S025\n     IDCODE = 0F8041CF (M2S025)\n", bench.Stdout);
        Assert.Contains("\n     Design = Controller, version 7, back level 0, checksum ", bench.Stdout);
        Assert.Contains("\n     Programmed = ENVM:BOOT ENVM:CONFIG FABRIC\n", bench.Stdout);
        Assert.True(File.Exists(Work("out", "production_line", "Board.pro")), "the CM's job project");
    }

    [Fact]
    public void The_secure_flow_examples_bind_the_oe_task_to_the_cm_module_across_two_homes_the_cm_programs_a_bench_and_ends_the_job_and_the_oe_imports_its_statuses()
    {
        var request = RunExample("hsm_production.tcl");
        Assert.Contains("state RequestExported, M-HSM not bound, 2 tickets", request.Stdout);
        var cm = RunExample("cm_site.tcl", FpExpress);
        Assert.Contains("2 ticket(s) stored in the M-HSM.", cm.Stdout);
        Assert.True(File.Exists(Folder.Combine("fpexpress-home", "hsm", "hsm.db")), "the CM's M-HSM is its own module, in its own home");
        var reply = RunExample("hsm_reply.tcl");
        Assert.Contains("state ReplyBound, M-HSM 0d7e8f2a-3b4c-4d5e-8f60-718293a4b5c6, 2 tickets", reply.Stdout);
        Assert.True(File.Exists(Work("out", "exchange", "Line1_CM1.job")), "the HSM job for the CM is exported");
        FpExpress.Environment["SPPS_BENCH"] = BenchProgram.TclCommand;
        var production = RunExample("cm_production.tcl", FpExpress);
        foreach (var board in new[] { 1, 2, 3 })
        {
            Assert.Contains($"Board {board}: FPGA PASSED", production.Stdout);
        }

        Assert.Contains("Devices left: 997", production.Stdout);
        Assert.Contains("Info: Ticket T_PROG (PROGRAM, device FPGA): max 1000, used 3, remaining 997.", production.Stdout);
        Assert.Contains("with the Job End Certifier", production.Stdout);
        Assert.True(File.Exists(Work("out", "cm-line1", "Line1.pro")), "the CM's job project");
        Assert.True(File.Exists(Work("out", "exchange", "Line1_CM1_end.status")), "the final status with the Job End Certifier");
        var status = RunExample("oe_status.tcl");
        Assert.Contains("Status 1: ended 0", status.Stdout);
        Assert.Contains("Ticket T_PROG (PROGRAM): 3 of 1000 used", status.Stdout);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(status.Stdout, "Device [0-9A-F]{32}: PROGRAM PROGRAMMED, CoC VALID").Count);
        Assert.Contains("the M-HSM's Job End Certifier is verified", status.Stdout);
        Assert.Contains("Status: 2, made ", status.Stdout);
        Assert.Contains("state Ended", status.Stdout);
        Assert.Contains("<h1>Production report: job Line1, HSM task CM1</h1>", File.ReadAllText(Work("out", "Line1_CM1_report.html")));
    }

    [Fact]
    public void The_debug_flow_examples_unlock_a_device_the_initiator_programmed_refuse_the_replayed_passcode_and_the_oe_imports_the_debug_job_s_status()
    {
        RunExample("hsm_production.tcl");
        Assert.Contains("state RequestExported, M-HSM not bound, 1 ticket", RunExample("debug_job.tcl").Stdout);
        var cm = RunExample("cm_site.tcl", FpExpress);
        Assert.Contains("2 ticket(s) stored in the M-HSM.", cm.Stdout);
        Assert.Contains("1 ticket(s) stored in the M-HSM.", cm.Stdout);
        RunExample("hsm_reply.tcl");
        RunExample("debug_reply.tcl");
        Assert.True(File.Exists(Work("out", "exchange", "Line1_DBG1.ddc")), "the debug job for the CM is exported");
        FpExpress.Environment["SPPS_BENCH"] = BenchProgram.TclCommand;
        Assert.Contains("Board 1: FPGA PASSED", RunExample("cm_production.tcl", FpExpress).Stdout);

        var debug = FpExpress.Run(Example("cm_debug.tcl"), Work("out"));

        Assert.True(debug.ExitCode == 0, debug.Stderr);
        Assert.Contains("Verdict: read_debug_info refused: The device 'FPGA' of board 1 (DSN ", debug.Stdout);
        Assert.Contains("Verdict: unlock FPGA PASSED", debug.Stdout);
        Assert.Contains("Verdict: a debugger reads design Board, version 3", debug.Stdout);
        Assert.Contains("Verdict: replay FPGA FAILED", debug.Stdout);
        var warning = Assert.Single(debug.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DEBUG FAILED (exit code 18: Authentication failure: the authorisation code answers a challenge that is not this device's live challenge (it was replayed", warning);
        Assert.Contains("Info: Ticket T_DEBUG (DEBUG, device FPGA): max 2, used 1, remaining 1.", debug.Stdout);
        Assert.Contains("Verdict: unlocks left 1", debug.Stdout);
        Assert.Contains("Verdict: the M-HSM counts T_DEBUG used 1 of 2", debug.Stdout);
        Assert.Contains("with the Job End Certifier", debug.Stdout);
        var status = RunExample("oe_debug_status.tcl");
        Assert.Contains("Ticket T_DEBUG (DEBUG): 1 of 2 used", status.Stdout);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(status.Stdout, "Device [0-9A-F]{32}: DEBUG AUTHORISED, CoC NONE \\(a debug unlock: "));
        Assert.Contains("the M-HSM's Job End Certifier is verified, and the task's tickets are deleted from it. No more devices can be unlocked under this task.", status.Stdout);
        Assert.Contains("1 use(s) (1 DEBUG unlock(s))", status.Stdout);
        Assert.Contains("<h1>Production report: job Line1Debug, HSM task DBG1</h1>", File.ReadAllText(Work("out", "Line1_DBG1_report.html")));
    }

    /// <summary>
    /// On a fresh machine the launchers (jdcgen, spps-bench) first build their program and say so on standard error,
    /// which Tcl's exec takes for a failure unless told otherwise: the examples pass it through instead.
    /// </summary>
    [Fact]
    public void An_example_runs_when_its_jdcgen_launcher_says_on_standard_error_that_it_builds()
    {
        const string Notice = "jdcgen: building (first run, about 20 s)...";
        JobManager.Environment["JDCGEN"] = $"/bin/sh -c {{echo '{Notice}' >&2; exec \"$0\" \"$@\"}} {JdcGenProgram.TclCommand}";
        var run = JobManager.Run(Example("production_job.tcl"), Work("out"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(Notice, run.Stderr);
    }

    // Runs an example into Work("out") with the tests' jdcgen; it must succeed without a warning.
    private ProcessResult RunExample(string name, JobManagerProcess? program = null)
    {
        program ??= JobManager;
        program.Environment["JDCGEN"] = JdcGenProgram.TclCommand;
        var run = program.Run(Example(name), Work("out"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Empty(run.Stderr);
        return run;
    }

    private static string Example(string name) => Path.Combine(SourceTree.Root, "examples", name);
}
