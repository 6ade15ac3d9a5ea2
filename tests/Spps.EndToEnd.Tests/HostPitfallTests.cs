using System.Text;

namespace Spps.EndToEnd.Tests;

/// <summary>The known traps of hosting Tcl, checked on the real program.</summary>
public sealed class HostPitfallTests : EndToEndTest
{
    [Fact]
    public void Utf8_scripts_print_correctly_under_the_c_locale()
    {
        File.WriteAllText(Work("u.tcl"), "set s \"Grüße — 日本 😀\"\nputs \"$s [string length Grüße]\"\n", new UTF8Encoding(false));
        JobManager.Environment["LANG"] = "C";
        JobManager.Environment["LC_ALL"] = "C";
        var run = JobManager.Run("u.tcl");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes("Grüße — 日本 😀 5\n"), run.StdoutBytes);
    }

    [Fact]
    public void Nul_characters_round_trip_to_the_output()
    {
        var run = JobManager.Run("-c", "set v \"a\\0b\"; puts -nonewline \"[string length $v]:$v\"");
        Assert.Equal(new byte[] { (byte)'3', (byte)':', (byte)'a', 0, (byte)'b' }, run.StdoutBytes);
    }

    [Fact]
    public void Output_without_a_final_newline_is_not_lost()
    {
        File.WriteAllText(Work("n.tcl"), "puts -nonewline stdout {no newline at the end}\nputs -nonewline stderr {nor here}");
        var run = JobManager.Run("n.tcl");
        Assert.Equal("no newline at the end", run.Stdout);
        Assert.Equal("nor here", run.Stderr);
    }

    [Fact]
    public void Exit_ends_the_process_with_its_code_even_inside_catch()
    {
        File.WriteAllText(Work("e.tcl"), "puts before\nproc f {} { catch { exit 3 } }\nif {[catch f]} { puts caught }\nputs after\n");
        var run = JobManager.Run("e.tcl");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("before\n", run.Stdout);
    }

    [Fact]
    public void Exit_with_no_code_is_success()
    {
        Assert.Equal(0, JobManager.Run("-c", "exit; puts never").ExitCode);
    }

    [Fact]
    public void An_uncaught_error_exits_1_with_the_message_and_the_tcl_trace()
    {
        File.WriteAllText(Work("x.tcl"), "proc inner {} { error {it broke} }\nproc outer {} { inner }\nputs start\nouter\n");
        var run = JobManager.Run("x.tcl");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("start\n", run.Stdout);
        var lines = run.Stderr.Split('\n');
        Assert.Equal("Error: it broke", lines[0]);
        Assert.Equal("it broke", lines[1]);
        Assert.Contains("    (procedure \"inner\" line 1)", lines);
        Assert.Contains("    invoked from within", lines);
        Assert.Contains(lines, line => line.Contains("x.tcl\" line 4)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_job_manager_command_error_is_reported_like_any_tcl_error()
    {
        var run = JobManager.Run("-c", "close_project -save maybe");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: save: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case).\n", run.Stderr);
    }

    [Fact]
    public void Scripts_can_catch_job_manager_errors_by_error_code()
    {
        var run = JobManager.Run("-c", "catch {close_project} message options; puts [dict get $options -errorcode]; puts $message");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SPPS NOPROJECT\nNo project is open. Use new_project or open_project first.\n", run.Stdout);
    }
}
