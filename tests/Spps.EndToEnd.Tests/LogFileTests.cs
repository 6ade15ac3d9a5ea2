using System.Text.RegularExpressions;

namespace Spps.EndToEnd.Tests;

public sealed partial class LogFileTests : EndToEndTest
{
    [Fact]
    public void The_log_records_each_command_its_result_or_error_duration_and_output_with_timestamps()
    {
        WriteScript("flow.tcl", "new_project -location . -name Logged\ncatch {new_project -location .}\nclose_project\nputs done\n");
        var run = JobManager.Run("SCRIPT:flow.tcl", "LOGFILE:logs/run.log");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotMatch(Timestamp(), run.Stdout);

        var lines = File.ReadAllLines(Work("logs", "run.log"));
        Assert.All(lines, line => Assert.Matches(Timestamp(), line));
        var text = string.Join('\n', lines.Select(line => line[25..]));
        Assert.Matches(@"^start jobmanager \S+: script 'flow.tcl', 0 argument\(s\) \[\]", text);
        Assert.Contains("> new_project -location . -name Logged\n| Info: Created project 'Logged' in '", text);
        Assert.Matches(@"< ok \(\d+\.\d ms\): \S+Logged\.jprj\n", text);
        Assert.Contains("> new_project -location .\n", text);
        Assert.Matches(@"< error \(\d+\.\d ms\): Required parameter 'name' is missing\. \[errorCode: SPPS MISSING name\]", text);
        Assert.Contains("> close_project\n| Info: Closed project 'Logged' (no changes).\n< ok (", text);
        Assert.Matches(@"finish exit code 0 \(\d+\.\d ms\)$", text);
    }

    [Fact]
    public void An_uncaught_error_and_the_exit_code_end_the_log()
    {
        var run = JobManager.Run("-c", "open_project -project nowhere.jprj", "LOGFILE:run.log");
        Assert.Equal(1, run.ExitCode);
        var text = File.ReadAllText(Work("run.log"));
        Assert.Contains("< error (", text);
        Assert.Contains("uncaught error: Parameter 'project': the file 'nowhere.jprj' does not exist.", text);
        Assert.Contains("finish exit code 1", text);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("exit 0\n", 3)]
    [InlineData("exit 4\n", 4)]
    [InlineData("error failed\n", 1)]
    public void A_run_that_ends_with_unsaved_changes_says_so_in_the_log_and_fails_unless_it_failed_already(string ending, int exitCode)
    {
        WriteScript("flow.tcl", "new_project -location . -name P\nnew_prog_job -job_name J -job_type FPExpress\n" + ending);
        var run = JobManager.Run("SCRIPT:flow.tcl", "LOGFILE:run.log");
        Assert.Equal(exitCode, run.ExitCode);
        const string warning = "Warning: Project 'P' was still open with unsaved changes, which were discarded. End scripts with close_project -save TRUE.";
        Assert.EndsWith(warning + "\n", run.Stderr);
        var text = File.ReadAllText(Work("run.log"));
        Assert.Contains("! " + warning + "\n", text);
        Assert.Contains($"finish exit code {exitCode} (", text);
        Assert.DoesNotContain("\"J\"", File.ReadAllText(Work("P", "P.jprj")));
    }

    [Fact]
    public void A_run_that_ends_with_a_saved_project_exits_zero()
    {
        var run = JobManager.Run("-c", "new_project -location . -name P\nnew_prog_job -job_name J -job_type FPExpress\nclose_project -save TRUE");
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void A_log_file_that_cannot_be_written_is_a_usage_error()
    {
        Directory.CreateDirectory(Work("taken"));
        var run = JobManager.Run("-c", "puts x", "LOGFILE:taken");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("jobmanager: cannot write the log file 'taken':", run.Stderr);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ")]
    private static partial Regex Timestamp();
}
