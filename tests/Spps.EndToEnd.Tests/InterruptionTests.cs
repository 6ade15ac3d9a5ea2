using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// A Job Manager stopped in the middle of a large export: SIGTERM or SIGINT (Ctrl-C) cancel the export at its next
/// chunk and end the run the normal way (no staged file, the project's lock released, the log saying so, exit code 128 +
/// the signal); kill -9 cannot be handled and leaves its staged file, which the next write into that folder removes.
/// </summary>
public sealed class InterruptionTests : EndToEndTest
{
    private const string Export =
        "open_project -project P/P.jprj; export_bitstream_file -data_name PD -bitstream_name M -formats {STAPL DAT} -export_path out/big; puts {not reached}";

    [SkippableFact]
    public void Interrupted_exports_leave_no_staged_file_and_what_a_killed_one_leaves_goes_with_the_next_write()
    {
        Skip.If(OperatingSystem.IsWindows(), "Signals are sent with kill(1).");
        MakeLargeProject();
        var project = File.ReadAllBytes(Work("P", "P.jprj"));

        foreach (var (signal, exitCode) in new[] { ("TERM", 143), ("INT", 130) })
        {
            using var export = StartExportAndWaitUntilItStages();
            Send(signal, export);
            Assert.True(export.WaitForExit(TimeSpan.FromSeconds(60)), $"SIG{signal} did not end the export");
            var stderr = export.StandardError.ReadToEnd();
            Assert.Equal(exitCode, export.ExitCode);
            Assert.DoesNotContain("not reached", export.StandardOutput.ReadToEnd());
            Assert.Contains($"Interrupted by SIG{signal}: the run ends here (exit code {exitCode}).", stderr);
            Assert.False(Directory.Exists(Work("out")) && Directory.GetFileSystemEntries(Work("out")).Length > 0, "the interrupted export left files");
            Assert.False(File.Exists(Work("P", "P.jprj.lock")), "the project's lock was left");
            Assert.Equal(project, File.ReadAllBytes(Work("P", "P.jprj")));
            var log = File.ReadAllText(Work("run.log"));
            Assert.Contains("export_bitstream_file was cancelled", log);
            Assert.Contains($"interrupted by SIG{signal}: the run ends", log);
            Assert.Contains($"finish exit code {exitCode}", log);
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

    [SkippableFact]
    public void Ctrl_c_at_the_interactive_shell_cancels_the_export_and_the_shell_goes_on_with_the_project_open_and_unchanged()
    {
        Skip.IfNot(PseudoTerminal.IsAvailable, "The interactive shell is driven through script(1) (util-linux), which is not here.");
        MakeLargeProject();
        var project = File.ReadAllBytes(Work("P", "P.jprj"));
        using var terminal = new PseudoTerminal(Work(), Folder.Combine("home"));
        terminal.Expect("jobmanager> ");
        terminal.Send("open_project -project P/P.jprj\n");
        terminal.Expect("Info: Opened project 'P'");
        terminal.Send("export_bitstream_file -data_name PD -bitstream_name M -formats {STAPL DAT} -export_path out/big\n");
        terminal.WaitUntil(() => Directory.Exists(Work("out")) && Directory.GetFiles(Work("out"), ".*.tmp").Length > 0, "the export to stage a file");

        terminal.Send("\u0003");
        terminal.Expect("Error: export_bitstream_file was cancelled (Ctrl-C); nothing was written.");
        // The project is still open (the report needs it) and the shell answers: the typed line shows 6 * 7, only the result 42.
        terminal.Send("puts \"[dict get [report_prog_data -data_name PD -quiet] device] [expr {6 * 7}]\"\n");
        terminal.Expect("MPF100T 42");
        Assert.False(Directory.Exists(Work("out")) && Directory.GetFileSystemEntries(Work("out")).Length > 0, "the cancelled export left files");
        Assert.True(File.Exists(Work("P", "P.jprj.lock")), "the project is still open");

        terminal.Send("close_project -save FALSE\nexit\n");
        Assert.Equal(0, terminal.WaitForExit());
        Assert.Equal(project, File.ReadAllBytes(Work("P", "P.jprj")));
        Assert.False(File.Exists(Work("P", "P.jprj.lock")), "the project's lock was left");
    }

    /// <summary>A project P with Programming Data PD of a design large enough that writing its MASTER bitstream M takes a moment.</summary>
    private void MakeLargeProject()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "MPF100T", "-design", "Big", "-version", "1", "-o", "big.jdc").ExitCode);
        Assert.Equal(0, JobManager.Run("-c",
            "new_project -location . -name P; new_prog_data -data_name PD -import_file big.jdc\n" +
            "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER; close_project -save TRUE").ExitCode);
    }

    private Process StartExportAndWaitUntilItStages()
    {
        var export = JobManager.Start(["-c", Export, "LOGFILE:run.log"]);
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
