namespace Spps.EndToEnd.Tests;

public sealed class InteractiveShellTests : EndToEndTest
{
    [Fact]
    public void Completes_multi_line_input_prints_results_and_survives_errors()
    {
        var run = JobManager.Run(["-i"], "set x [expr {\n40 + 2}]\nno_such_command\nputs \"x is $x\"\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("jobmanager> > 42\njobmanager> jobmanager> x is 42\njobmanager> \n", run.Stdout);
        Assert.Equal("Error: invalid command name \"no_such_command\"\n", run.Stderr);
    }

    [Fact]
    public void Greets_with_the_versions_and_the_way_to_help()
    {
        var run = JobManager.Run(["-i"], string.Empty);
        Assert.Matches(@"^SPPS Job Manager \(open implementation\) \S+ on Tcl 8\.6\.\d+\. Type 'help' for the commands, 'exit' to leave\.\n", run.Stdout);
    }

    [Fact]
    public void Exit_leaves_the_shell_with_its_code()
    {
        var run = JobManager.Run(["-i"], "puts one\nexit 5\nputs two\n");
        Assert.Equal(5, run.ExitCode);
        Assert.DoesNotContain("two", run.Stdout);
    }

    [Fact]
    public void Exit_refuses_once_while_the_project_has_unsaved_changes_and_a_second_exit_leaves()
    {
        var run = JobManager.Run(["-i"], "new_project -location . -name P\nnew_prog_job -job_name J -job_type FPExpress\nexit\nputs still\nexit\nputs gone\n");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("jobmanager> still\n", run.Stdout);
        Assert.DoesNotContain("gone", run.Stdout);
        Assert.Equal(
            "Error: Project 'P' has unsaved changes. Save them with close_project -save TRUE or discard them with close_project -save FALSE; " +
            "type exit again to leave without saving.\n" +
            "Warning: Project 'P' was still open with unsaved changes, which were discarded. End scripts with close_project -save TRUE.\n",
            run.Stderr);
    }

    [Fact]
    public void Exit_leaves_at_once_when_the_changes_are_saved()
    {
        var run = JobManager.Run(["-i"], "new_project -location . -name P\nnew_prog_job -job_name J -job_type FPExpress\nclose_project -save TRUE\nexit\nputs gone\n");
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.DoesNotContain("gone", run.Stdout);
    }

    [Fact]
    public void Tcls_history_lists_the_commands_of_the_session_with_secrets_redacted_and_piped_input_writes_no_history_file()
    {
        const string key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
        var run = JobManager.Run(["-i"], $"puts [string length {key}]\nset answer 42\nhistory\n");
        Assert.Contains("jobmanager>      1  puts [string length <secret>]\n     2  set answer 42\njobmanager> ", run.Stdout);
        Assert.DoesNotContain(key, run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Folder.Combine("home", "history")));
    }

    [Fact]
    public void Commands_of_the_job_manager_work_at_the_prompt()
    {
        var run = JobManager.Run(["-i"], "close_project\nhelp close_project\n");
        Assert.Contains("Usage: close_project [-save <TRUE|FALSE>]", run.Stdout);
        Assert.Equal("Error: No project is open. Use new_project or open_project first.\n", run.Stderr);
    }
}
