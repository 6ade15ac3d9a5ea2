using System.Text.Json;
using Spps.Formats.Production;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Production without an HSM through the built programs, as an OE and a CM run them: the Job Manager exports a job of
/// the KLK/user-key flow and plain STAPL/DAT files, <c>spps-bench</c> makes the boards, and <c>fpexpress</c> programs
/// them — the job with <c>run_selected_actions</c>, the files with <c>program_file</c>. What the user sees (result lines,
/// Tcl results, exit codes) and what the devices keep (<c>spps-bench show --json</c>) are both checked.
/// </summary>
public sealed class NonHsmProductionTests : EndToEndTest
{
    private const string Uek1 = "3C1F0E2D4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";
    private const string Upk1 = "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9";

    private static string Cpld => Path.Combine(SourceTree.Root, "examples", "inputs", "housekeeping_cpld.bsd");

    /// <summary>How connect_bench names the published development factory: its id's first digits and its label.</summary>
    private static string DevelopmentFactory
    {
        get
        {
            using var factory = DeviceFactory.Development();
            return $"device factory {factory.Id[..16]}… ({DeviceFactory.DevelopmentLabel})";
        }
    }

    [Fact]
    public void A_non_hsm_job_programs_and_verifies_every_board_of_a_bench_and_a_board_in_the_wrong_order_or_short_of_a_device_is_refused()
    {
        ExportFromTheOe(["-update_protect", "fabric,envm"], """
            init_bitstream -data_name Controller -bitstream_name Production -bitstream_type MASTER
            new_prog_job -job_name Board -job_type FPExpress
            add_non_microsemi_bypass_device -job_name Board -device_name HousekeepingCpld -device_hw_location 1 -file $cpld
            add_microsemi_prog_device -job_name Board -device_name Controller -device_hw_location 2 -data_name Controller -bitstream_name Production
            add_microsemi_bypass_device -job_name Board -device_name Companion -device_hw_location 3 -device_type M2GL010
            export_prog_job -job_name Board -location out -name board
            """);
        MakeBench("bench", $"bsdl:{Cpld},M2S005,M2GL010", boards: 2);
        MakeBench("swapped", $"bsdl:{Cpld},M2GL010,M2S005", boards: 1);
        MakeBench("short", $"bsdl:{Cpld},M2S005", boards: 1);

        var run = FpExpress.Run(WriteScript("cm.tcl", """
            create_job_project -job_project_location line -job_file out/board.job -overwrite 0
            foreach board {1 2} {
                connect_bench -bench bench -board $board
                puts "scan $board: [scan_chain_prg]"
                set_programming_action -name Controller -action PROGRAM
                puts "program $board: [run_selected_actions]"
                set_programming_action -name Controller -action VERIFY_DIGEST
                puts "verify $board: [run_selected_actions]"
            }
            connect_bench -bench swapped -board 1
            catch run_selected_actions message options
            puts "swapped: [dict get $options -errorcode]: $message"
            close_project -save TRUE
            """));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Empty(run.Stderr);
        var devices = BenchProgram.ShowDevices(Work("bench"));
        foreach (var board in new[] { 1, 2 })
        {
            var controller = devices[board - 1][1];
            var dsn = controller.GetProperty("dsn").GetString();
            Assert.Contains($"Info: Connected to board {board} of the bench '{Work("bench")}': 3 device(s) in its chain; {DevelopmentFactory}.\n", run.Stdout);
            Assert.Contains($"Info: Board {board}, device 2 (M2S005, IDCODE 0F8051CF, DSN {dsn}).\n", run.Stdout);
            Assert.Contains($"scan {board}: 15A5A0AB 0F8051CF 0F8031CF\n", run.Stdout);
            Assert.Contains($"Info: Board {board}, device 'Controller' (M2S005, DSN {dsn}): PROGRAM PASSED (exit code 0: PROGRAM passed: Controller version 7.)\n", run.Stdout);
            Assert.Contains($"program {board}: Controller PASSED\n", run.Stdout);
            Assert.Contains($"Info: Board {board}, device 'Controller' (M2S005, DSN {dsn}): VERIFY_DIGEST PASSED (exit code 0: ", run.Stdout);
            Assert.Contains($"verify {board}: Controller PASSED\n", run.Stdout);

            Assert.Equal((false, "HK_CPLD_TQ100"), (devices[board - 1][0].GetProperty("microchip").GetBoolean(), devices[board - 1][0].GetProperty("name").GetString()));
            Assert.Equal(("Controller", 7, 1, true), (controller.GetProperty("design").GetProperty("name").GetString(), controller.GetProperty("design").GetProperty("version").GetInt32(),
                controller.GetProperty("cycles").GetInt32(), controller.GetProperty("factory_key_modes_disabled").GetBoolean()));
            Assert.Contains("UEK1", controller.GetProperty("user_keys").EnumerateArray().Select(key => key.GetString()));
            Assert.Equal((JsonValueKind.Null, 0), (devices[board - 1][2].GetProperty("design").ValueKind, devices[board - 1][2].GetProperty("cycles").GetInt32()));
        }

        Assert.Contains("swapped: SPPS CHAIN 1: The chain of board 1 is not the chain of job 'Board': position 2: job 'Board' expects device 'Controller' (M2S005, IDCODE 0F8051CF) " +
                        "but the board has device 2 (M2GL010, IDCODE 0F8031CF, DSN ", run.Stdout);
        Assert.Contains("), swapped with position 3. position 3: job 'Board' expects device 'Companion' (M2GL010, IDCODE 0F8031CF) but the board has device 3 (M2S005, ", run.Stdout);
        Assert.All(BenchProgram.ShowDevices(Work("swapped"))[0].Skip(1), device => Assert.Equal(0, device.GetProperty("cycles").GetInt32()));
        var show = BenchProgram.Run("show", "--bench", Work("bench"), "--board", "2");
        Assert.Contains("\n  2. M2S005\n", show.Stdout);
        Assert.Contains("\n     Design = Controller, version 7, back level 0, checksum ", show.Stdout);

        var shortBoard = File.ReadAllBytes(Work("short", "board-1.json"));
        var scan = FpExpress.Run("-c", "open_project -project line/Board.pro\nconnect_bench -bench short -board 1\nscan_chain_prg");
        Assert.Equal(1, scan.ExitCode);
        Assert.StartsWith("Error: The chain of board 1 is not the chain of job 'Board': position 3: device 'Companion' (M2GL010) is missing: the board's chain ends at position 2. " +
                          "Check the board and its orientation, or connect the right one.\n", scan.Stderr);
        Assert.Contains($"Info: Board 1, device 2 (M2S005, IDCODE 0F8051CF, DSN ", scan.Stdout);
        Assert.Equal(shortBoard, File.ReadAllBytes(Work("short", "board-1.json")));
    }

    [Fact]
    public void Plain_trusted_facility_master_and_update_files_program_a_device_as_silicon_would_and_a_factory_file_is_refused_once_user_keys_are_loaded()
    {
        ExportFromTheOe(["-update_protect", "fabric,envm"], """
            init_bitstream -data_name Controller -bitstream_name Factory -bitstream_type TRUSTED_FACILITY -features {FABRIC ENVM}
            init_bitstream -data_name Controller -bitstream_name Production -bitstream_type MASTER -enable_passkey_export TRUE
            init_bitstream -data_name Controller -bitstream_name Update -bitstream_type UEK1 -features FABRIC -enable_passkey_export TRUE
            foreach bitstream {Factory Production Update} {
                export_bitstream_file -data_name Controller -bitstream_name $bitstream -formats {STAPL DAT} -export_path out/[string tolower $bitstream]
            }
            """);
        MakeBench("bench", "M2S005,M2S005", boards: 1);

        var first = FpExpress.Run(WriteScript("first.tcl", """
            connect_bench -bench bench -board 1
            puts "factory.stp on 1: [program_file -file out/factory.stp -action PROGRAM -name 1]"
            puts "factory.dat on 2: [program_file -file out/factory.dat -action PROGRAM -name 2]"
            foreach device {1 2} {
                puts "production.dat on $device: [program_file -file out/production.dat -action PROGRAM -name $device]"
            }
            """));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Empty(first.Stderr);
        Assert.Contains($"; {DevelopmentFactory}.\n", first.Stdout);
        var programmed = BenchProgram.ShowDevices(Work("bench"))[0];
        string[] dsns = [.. programmed.Select(device => device.GetProperty("dsn").GetString()!)];
        Assert.Contains($"Info: Board 1, device '1' (M2S005, DSN {dsns[0]}): PROGRAM PASSED (exit code 0: PROGRAM passed: Controller version 7.)\nfactory.stp on 1: 1 PASSED\n", first.Stdout);
        Assert.Contains($"Info: Board 1, device '2' (M2S005, DSN {dsns[1]}): PROGRAM PASSED (exit code 0: PROGRAM passed: Controller version 7.)\nfactory.dat on 2: 2 PASSED\n", first.Stdout);
        Assert.Contains("\nproduction.dat on 1: 1 PASSED\n", first.Stdout);
        Assert.Contains("\nproduction.dat on 2: 2 PASSED\n", first.Stdout);
        Assert.All(programmed, device =>
        {
            Assert.Equal((2, true, "Controller"), (device.GetProperty("cycles").GetInt32(), device.GetProperty("factory_key_modes_disabled").GetBoolean(),
                device.GetProperty("design").GetProperty("name").GetString()));
            Assert.Contains("UEK1", device.GetProperty("user_keys").EnumerateArray().Select(key => key.GetString()));
            Assert.True(device.GetProperty("security").GetProperty("fabric_update_protected").GetBoolean());
        });

        var second = FpExpress.Run(WriteScript("second.tcl", """
            connect_bench -bench bench -board 1
            foreach file {factory.stp factory.dat} {
                puts "$file on 1: [program_file -file out/$file -action PROGRAM -name 1]"
            }
            puts "update.stp on 2: [program_file -file out/update.stp -action PROGRAM -name 2]"
            puts "update.dat on 2: [program_file -file out/update.dat -action PROGRAM -name 2]"
            puts "update.dat verified on 2: [program_file -file out/update.dat -action VERIFY -name 2]"
            """));

        Assert.True(second.ExitCode == 0, second.Stderr);
        var disabled = $"Warning: Board 1, device '1' (M2S005, DSN {dsns[0]}): PROGRAM FAILED (exit code 32847: Bitstream programming action is disabled. " +
                       "(a TRUSTED_FACILITY bitstream under the KLK is refused once user keys are loaded (factory key modes are disabled)))\n";
        Assert.Equal(disabled + disabled +
                     $"Warning: Board 1, device '2' (M2S005, DSN {dsns[1]}): PROGRAM FAILED (exit code 32847: Bitstream programming action is disabled. " +
                     "(FABRIC is update-protected and no passcode was given))\n", second.Stderr);
        Assert.Contains("\nfactory.stp on 1: 1 FAILED\nfactory.dat on 1: 1 FAILED\nupdate.stp on 2: 2 FAILED\n", second.Stdout);
        Assert.Contains($"Info: Board 1, device '2' (M2S005, DSN {dsns[1]}): PROGRAM PASSED (exit code 0: PROGRAM passed: Controller version 7.)\nupdate.dat on 2: 2 PASSED\n", second.Stdout);
        Assert.Contains("update.dat verified on 2: 2 PASSED\n", second.Stdout);
        var after = BenchProgram.ShowDevices(Work("bench"))[0];
        Assert.Equal(BenchProgram.WithoutLastResult(programmed[0]), BenchProgram.WithoutLastResult(after[0]));
        Assert.StartsWith("PROGRAM: 32847 Bitstream programming action is disabled.", after[0].GetProperty("last_result").GetString(), StringComparison.Ordinal);
        Assert.Equal((3, "VERIFY: 0 VERIFY passed."), (after[1].GetProperty("cycles").GetInt32(), after[1].GetProperty("last_result").GetString()));
    }

    // The reference (S-TCL, init_bitstream) says a non-HSM MASTER carries the plain UPK1 "to enable erase and verify
    // actions" once security is programmed, and -enable_passkey_export TRUE exists "to allow erase/verify operations":
    // the DAT file with the exported UPK1 verifies; the job's STAPL file carries no UPK1 (yet), so its VERIFY is refused
    // naming what is missing.
    [Fact]
    public void A_non_hsm_master_verifies_after_its_own_program_from_its_dat_file_with_the_exported_passkey_and_not_without_it()
    {
        ExportFromTheOe([], """
            init_bitstream -data_name Controller -bitstream_name Production -bitstream_type MASTER -enable_passkey_export TRUE
            export_bitstream_file -data_name Controller -bitstream_name Production -formats DAT -export_path out/production
            new_prog_job -job_name Board -job_type FPExpress
            add_microsemi_prog_device -job_name Board -device_name Controller -device_hw_location 1 -data_name Controller -bitstream_name Production
            export_prog_job -job_name Board -location out -name board
            """);
        MakeBench("bench", "M2S005", boards: 2);

        var run = FpExpress.Run(WriteScript("cm.tcl", """
            create_job_project -job_project_location line -job_file out/board.job -overwrite 0
            connect_bench -bench bench -board 1
            puts "program: [run_selected_actions]"
            set_programming_action -action VERIFY
            puts "verify: [run_selected_actions]"
            connect_bench -bench bench -board 2
            puts "program file: [program_file -file out/production.dat -action PROGRAM]"
            puts "verify file: [program_file -file out/production.dat -action VERIFY]"
            close_project -save TRUE
            """));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("\nprogram: Controller PASSED\n", run.Stdout);
        Assert.Contains("\nverify: Controller FAILED\n", run.Stdout);
        Assert.Contains("a VERIFY of a MASTER bitstream under the KLK needs the device's UPK1 to unlock its security once user keys are loaded, and no passcode was given", run.Stderr);
        Assert.Contains("\nprogram file: 1 PASSED\n", run.Stdout);
        Assert.Contains("\nverify file: 1 PASSED\n", run.Stdout);
    }

    // The OE's side: a design of the small die with UEK1 (jdcgen, plus designArgs), Programming Data in the non-HSM flow
    // with its own UEK1 and UPK1, then the given definitions and exports ($cpld names the BSDL file of the chain's CPLD).
    private void ExportFromTheOe(string[] designArgs, string exports)
    {
        var design = JdcGenProgram.Run(Work(), ["-die", "M2S005", "-design", "Controller", "-version", "7", "-envm_client", "BOOT:1024", "-user_keys", "UEK1", .. designArgs, "-o", "controller.jdc"]);
        Assert.True(design.ExitCode == 0, design.Stderr);
        var oe = JobManager.Run(WriteScript("oe.tcl", $$"""
            set cpld {{{Cpld}}}
            new_project -location . -name Oe
            new_prog_data -data_name Controller -import_file controller.jdc
            set_key -data_name Controller -uek1 {{Uek1}} -upk1 {{Upk1}}
            {{exports}}
            close_project -save TRUE
            """));
        Assert.True(oe.ExitCode == 0, oe.Stderr);
    }

    private void MakeBench(string name, string chain, int boards)
    {
        var create = BenchProgram.Run("create", "--bench", Work(name), "--chain", chain, "--boards", boards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "5");
        Assert.True(create.ExitCode == 0, create.Stderr);
    }
}
