using System.Globalization;
using System.Text.RegularExpressions;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// A CM's production line through the built programs: one M-HSM served by <c>spps-hsm serve</c>, one bench, and several
/// stations, each a separate <c>fpexpress</c> process holding its own boards, programming the OE's HSM job on one
/// PROGRAM ticket. The M-HSM alone decides which devices get their authorisation: exactly the ticket's maximum, the
/// others refused with its spent-ticket message and left as they were. Afterwards the OE's per-device update file
/// (<c>-dsn</c>) fits the device it was made for, whose per-device UEK1 the M-HSM gave it, and no other.
/// </summary>
public sealed class ProductionStationTests : EndToEndTest
{
    private const string UHsm = "2c5ea4c0-4067-41d2-883f-0016d3cca427";
    private const string UMaster = "7fb1a1e2-ee8a-4ca4-894e-db77e160355e";
    private const string MHsm = "3d8f9b2a-5c6d-4e7f-8091-a2b3c4d5e6f7";
    private const int MaxDevices = 3;

    [Fact]
    public void Four_stations_on_one_served_m_hsm_and_one_bench_program_exactly_the_ticket_s_maximum_and_a_per_device_update_file_fits_only_its_device()
    {
        var store = Folder.Combine("cm-hsm");
        Assert.Equal(0, HsmProgram.Run("init", "--store", store, "--m-hsm-uuid", MHsm).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", store, "--role", "manufacturer", "--out", Folder.Combine("fpexpress-home", "hsm-credential")).ExitCode);
        var (server, address) = HsmProgram.Serve(store);
        try
        {
            ExportTheHsmJob(address);
            const int stations = 4;
            const int boardsPerStation = 2;
            const int boards = stations * boardsPerStation;
            Assert.Equal(0, BenchProgram.Run("create", "--bench", Work("bench"), "--chain", "M2S005", "--boards", $"{boards}", "--seed", "14").ExitCode);
            var dsns = BenchProgram.ShowDevices(Work("bench")).Select(board => board[0].GetProperty("dsn").GetString()!).ToArray();

            var station = WriteScript("station.tcl", """
                set station [lindex $argv 0]
                create_job_project -job_project_location station$station -job_file out/Line1_CM1.job -overwrite 0
                foreach board [lrange $argv 1 end] {
                    connect_bench -bench bench -board $board
                    if {[catch run_selected_actions result options]} {
                        puts "board $board: [dict get $options -errorcode]: $result"
                    } else {
                        puts "board $board: $result"
                    }
                }
                close_project
                """);
            var runs = new ProcessResult[stations];
            Parallel.For(0, stations, new ParallelOptions { MaxDegreeOfParallelism = stations }, index =>
                runs[index] = FpExpress.Run([station, $"{index + 1}", .. Enumerable.Range(index * boardsPerStation + 1, boardsPerStation).Select(board => $"{board}")], null));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.Stderr));
            var lines = runs.SelectMany(run => run.Stdout.Split('\n')).Where(line => line.StartsWith("board ", StringComparison.Ordinal)).ToList();
            var passed = lines.Select(line => Regex.Match(line, "^board ([0-9]+): FPGA PASSED$")).Where(match => match.Success)
                .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
            var refused = Enumerable.Range(1, boards).Except(passed).ToList();
            Assert.Equal(MaxDevices, passed.Count);
            Assert.Equal(boards, lines.Count);
            foreach (var board in refused)
            {
                Assert.Contains(lines, line => line.StartsWith(
                    $"board {board}: SPPS HSM TICKET_SPENT: The M-HSM refused ticket T_PROG (PROGRAM) of job 'Line1' for device 'FPGA' of board {board} (DSN {dsns[board - 1]}): " +
                    "The ticket ", StringComparison.Ordinal) && line.EndsWith($"('T_PROG') is spent: it served its {MaxDevices} device(s), and this M-HSM processes no further request for it.", StringComparison.Ordinal));
            }

            var devices = BenchProgram.ShowDevices(Work("bench")).Select(board => board[0]).ToArray();
            Assert.Equal(passed, Enumerable.Range(1, boards).Where(board => devices[board - 1].GetProperty("cycles").GetInt32() == 1));
            Assert.All(refused, board => Assert.Equal("null", devices[board - 1].GetProperty("design").GetRawText()));

            var (own, other) = (passed[0], passed[1]);
            var export = JobManager.Run("-c", "open_project -project Oe/Oe.jprj\n" +
                $"export_bitstream_file -data_name Board -bitstream_name Update -formats STAPL -dsn {dsns[own - 1]} -export_path out/update\n" +
                "close_project -save TRUE");
            Assert.True(export.ExitCode == 0, export.Stderr);
            var last = FpExpress.Run("-c", $$"""
                open_project -project station1/Line1.pro
                puts "devices left: [get_job_status]"
                close_project
                connect_bench -bench bench -board {{own}}
                puts "its own device: [program_file -file out/update.stp -action PROGRAM]"
                connect_bench -bench bench -board {{other}}
                puts "another device: [program_file -file out/update.stp -action PROGRAM]"
                """);

            Assert.True(last.ExitCode == 0, last.Stderr);
            Assert.Contains($"Info: Ticket T_PROG (PROGRAM, device FPGA): max {MaxDevices}, used {MaxDevices}, remaining 0.\n", last.Stdout);
            Assert.Contains("\ndevices left: 0\n", last.Stdout);
            Assert.Contains($"Info: Board {own}, device '1' (M2S005, DSN {dsns[own - 1]}): PROGRAM PASSED (exit code 0: PROGRAM passed: Board version 3.)\nits own device: 1 PASSED\n", last.Stdout);
            Assert.Contains("\nanother device: 1 FAILED\n", last.Stdout);
            Assert.Equal($"Warning: Board {other}, device '1' (M2S005, DSN {dsns[other - 1]}): PROGRAM FAILED (exit code 32805: DSN binding mismatch.)\n", last.Stderr);
            var after = BenchProgram.ShowDevices(Work("bench")).Select(board => board[0]).ToArray();
            Assert.Equal(2, after[own - 1].GetProperty("cycles").GetInt32());
            Assert.Equal(BenchProgram.WithoutLastResult(devices[other - 1]), BenchProgram.WithoutLastResult(after[other - 1]));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    // The OE's HSM job for the served M-HSM at address: an Initiator whose UEK1 is per device (UNIQUE_KEY, derived by the
    // M-HSM from the keyset's base key and each DSN), a UEK1 update of the same kind, and task CM1 with one PROGRAM ticket
    // of MaxDevices; the CM's M-HSM processes the request, and the OE exports the HSM job bound to it into out/.
    private void ExportTheHsmJob(string address)
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S005", "-design", "Board", "-version", "3", "-user_keys", "UEK1", "-o", "board.jdc").ExitCode);
        var request = JobManager.Run("-c", $"""
            set_hsm_params -hsm_server_name local -u_hsm_uuid {UHsm} -u_master_hsm_uuid {UMaster} -m_hsm_uuid {MHsm} -hsm_key_set_dir keysets
            create_keyset -file production.ks
            new_project -location . -name Oe
            new_prog_data -data_name Board -import_file board.jdc -keyset_file production.ks
            init_bitstream -data_name Board -bitstream_name Initiator -bitstream_type MASTER -use_protocol UNIQUE_KEY -unique_key_types UEK1
            init_bitstream -data_name Board -bitstream_name Update -bitstream_type UEK1 -features FABRIC -use_protocol UNIQUE_KEY -unique_key_types UEK1
            new_prog_job -job_name Line1 -job_type FPExpress
            add_microsemi_prog_device -job_name Line1 -device_name FPGA -device_hw_location 1 -data_name Board -bitstream_name Initiator
            add_hsmtask_to_job -job_name Line1 -hsmtask_name CM1
            new_hsmtask_ticket -job_name Line1 -hsmtask_name CM1 -ticket_name T_PROG -device FPGA -actions PROGRAM -max_device {MaxDevices}
            hsmtask_m_request -job_name Line1 -hsmtask_name CM1 -request_file cm1.req
            close_project -save TRUE
            """);
        Assert.True(request.ExitCode == 0, request.Stderr);
        var process = FpExpress.Run("-c", $"set_hsm_params -hsm_server_name {address} -m_hsm_uuid {MHsm}\nprocess_job_request -request_file cm1.req -reply_file cm1.rep");
        Assert.True(process.ExitCode == 0, process.Stderr);
        var reply = JobManager.Run("-c", """
            open_project -project Oe/Oe.jprj
            hsmtask_m_reply -job_name Line1 -hsmtask_name CM1 -reply_file cm1.rep
            export_hsmtask -job_name Line1 -hsmtask_name CM1 -location out -name Line1_CM1
            close_project -save TRUE
            """);
        Assert.True(reply.ExitCode == 0, reply.Stderr);
    }
}
