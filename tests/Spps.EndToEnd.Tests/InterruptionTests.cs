using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// A Job Manager stopped in the middle of a large export: SIGTERM or SIGINT (Ctrl-C) leave no staged file and no
/// output; kill -9 cannot be handled and leaves its staged file, which the next write into that folder removes.
/// </summary>
public sealed class InterruptionTests : EndToEndTest
{
    private const string Export =
        "open_project -project P/P.jprj; export_bitstream_file -data_name PD -bitstream_name M -formats {STAPL DAT} -export_path out/big";

    [SkippableFact]
    public void Interrupted_exports_leave_no_staged_file_and_what_a_killed_one_leaves_goes_with_the_next_write()
    {
        Skip.If(OperatingSystem.IsWindows(), "Signals are sent with kill(1).");

        // A design large enough that writing its STAPL file takes a moment.
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "MPF100T", "-design", "Big", "-version", "1", "-o", "big.jdc").ExitCode);
        Assert.Equal(0, JobManager.Run("-c",
            "new_project -location . -name P; new_prog_data -data_name PD -import_file big.jdc\n" +
            "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER; close_project -save TRUE").ExitCode);

        foreach (var signal in new[] { "TERM", "INT" })
        {
            using var export = StartExportAndWaitUntilItStages();
            Send(signal, export);
            Assert.True(export.WaitForExit(TimeSpan.FromSeconds(60)), $"SIG{signal} did not end the export");
            Assert.NotEqual(0, export.ExitCode);
            Assert.Empty(Directory.GetFileSystemEntries(Work("out")));
        }

        using (var killed = StartExportAndWaitUntilItStages())
        {
            killed.Kill();
            killed.WaitForExit();
        }

        var left = Assert.Single(Directory.GetFiles(Work("out")));
        Assert.EndsWith(".tmp", left);
        var next = JobManager.Run("-c", "export_spi_directory -golden_ver 1 -golden_addr 0x0 -file out/dir.spi");
        Assert.Equal(0, next.ExitCode);
        Assert.Equal([Work("out", "dir.spi")], Directory.GetFiles(Work("out")));
    }

    private Process StartExportAndWaitUntilItStages()
    {
        var export = JobManager.Start(["-c", Export]);
        ProcessWait.Until(() => Directory.Exists(Work("out")) && Directory.GetFiles(Work("out"), ".*.tmp").Length > 0, "the export to stage a file", [export]);
        return export;
    }

    private static void Send(string signal, Process process)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
