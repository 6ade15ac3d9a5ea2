using Spps.Formats.Production;
using Spps.FpExpress.Projects;
using Spps.Silicon;
using Spps.Silicon.Benches;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Tests;

/// <summary>
/// fpexpress on a bench made as spps-bench makes it: connect_bench, scan_chain_prg, run_selected_actions and
/// program_file through the command tables, the devices' state kept in the bench between runs.
/// </summary>
public sealed class BenchTests : FpExpressTest
{
    private string BenchFolder => Folder.Combine("bench");

    [Fact]
    public void A_job_is_programmed_on_a_bench_board_and_the_devices_keep_it_in_the_bench()
    {
        MakeBench("M2S010,M2S010", boards: 2);
        var job = Oe.PlainJob("Plain", "M2S010");

        var result = Tcl($$"""
            set_hsm_params -hsm_server_name local -m_hsm_uuid {{MHsmUuid}}
            create_job_project -job_project_location {{{Folder.Combine("station")}}} -job_file {{{job}}} -overwrite 0
            connect_bench -bench {{{BenchFolder}}} -board 2
            scan_chain_prg
            set r [run_selected_actions]
            close_project -save TRUE
            set r
            """);

        Assert.Equal("FPGA1 PASSED", result);
        using var bench = Bench.Open(BenchFolder, (path, content) => AtomicFile.WriteAllBytes(path, content));
        Assert.Equal([0, 1], bench.ReadBoard(2).Select(device => device.Device!.State.Cycles));
        Assert.Equal([0, 0], bench.ReadBoard(1).Select(device => device.Device!.State.Cycles));
        Assert.Equal(2, ProductionRecord.Load(Folder.Combine("station"), "Plain", Warnings.Add).Results.Single(result => result.Passed).Board);
    }

    [Fact]
    public void Plain_stapl_and_dat_files_program_one_device_and_an_altered_file_changes_nothing()
    {
        MakeBench("M2S010,MPF300", boards: 1);
        var stapl = Oe.PlainFile("Stapl", "M2S010", "STAPL");
        var dat = Oe.PlainFile("Dat", "MPF300", "DAT");
        var altered = Folder.Combine("out", "altered.dat");
        var bytes = File.ReadAllBytes(dat);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(altered, bytes);

        Assert.Equal("1 PASSED", Tcl($"connect_bench -bench {{{BenchFolder}}} -board 1\nprogram_file -file {{{stapl}}} -action PROGRAM -name M2S010"));
        Assert.Equal("2 PASSED", Tcl($"connect_bench -bench {{{BenchFolder}}} -board 1\nprogram_file -file {{{dat}}} -action program -name 2"));
        var before = File.ReadAllBytes(Path.Combine(BenchFolder, "board-1.json"));
        var error = TclFails($"connect_bench -bench {{{BenchFolder}}} -board 1\nprogram_file -file {{{altered}}} -action PROGRAM -name 2");

        Assert.Equal(["SPPS", "BADFILE", altered], error.ErrorCode);
        Assert.StartsWith($"The programming file '{altered}' cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(BenchFolder, "board-1.json")));
        var verify = Tcl($"connect_bench -bench {{{BenchFolder}}} -board 1\nprogram_file -file {{{stapl}}} -action VERIFY_DIGEST -name 1");
        Assert.Equal("1 PASSED", verify);
    }

    [Fact]
    public void A_board_that_is_not_on_the_bench_is_refused_naming_the_boards()
    {
        MakeBench("M2S010", boards: 2);

        var error = TclFails($"connect_bench -bench {{{BenchFolder}}} -board 3");

        Assert.Equal($"Board 3 is not on the bench '{BenchFolder}': its boards are 1 to 2.", error.Message);
        Assert.Equal(["SPPS", "BENCH", BenchFolder], error.ErrorCode);
    }

    [Fact]
    public void Stations_sharing_one_m_hsm_and_one_bench_program_exactly_the_ticket_s_maximum()
    {
        const int stations = 4;
        const int boardsPerStation = 2;
        UseLocalModule();
        var job = HsmJobForThisModule(maxDevices: 3);
        MakeBench("M2S010", boards: stations * boardsPerStation);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, stations, new ParallelOptions { MaxDegreeOfParallelism = stations }, station =>
        {
            using var services = new FpExpressServices(Home);
            services.JobProjects.Create(Folder.Combine($"station{station}"), job, false, Folder.Path, _ => { });
            for (var board = station * boardsPerStation + 1; board <= (station + 1) * boardsPerStation; board++)
            {
                services.Programmer.ConnectBench(BenchFolder, board);
                try
                {
                    outcomes.Add(services.ProductionRun.Run(_ => { }, _ => { }).Single().Result.Passed ? "PASSED" : "FAILED");
                }
                catch (Spps.Hsm.HsmException error)
                {
                    outcomes.Add(error.ErrorCode[^1]);
                }
            }
        });

        Assert.Equal(["PASSED", "PASSED", "PASSED", "TICKET_SPENT", "TICKET_SPENT", "TICKET_SPENT", "TICKET_SPENT", "TICKET_SPENT"], outcomes.Order());
        Assert.Equal(3, HeldTickets().Single(ticket => ticket.TicketName == "T_PROG").Used);
        using var bench = Bench.Open(BenchFolder, (path, content) => AtomicFile.WriteAllBytes(path, content));
        Assert.Equal(3, Enumerable.Range(1, stations * boardsPerStation).Count(board => bench.ReadBoard(board).Single().Device!.State.Cycles == 1));
    }

    private void MakeBench(string chain, int boards)
    {
        using var factory = DeviceFactory.Development();
        Bench.Create(BenchFolder, ChainSpec.Parse(chain), boards, factory, seed: 7, (path, content) => AtomicFile.WriteAllBytes(path, content, FileVisibility.OwnerOnly)).Dispose();
    }
}
