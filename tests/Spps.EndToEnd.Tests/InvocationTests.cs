namespace Spps.EndToEnd.Tests;

public sealed class InvocationTests : EndToEndTest
{
    private const string ShowArguments = "puts \"argv0=$argv0 argc=$argc argv=$argv\"";

    [Fact]
    public void Libero_style_script_with_script_args_sets_argv0_argv_and_argc()
    {
        WriteScript("show.tcl", ShowArguments);
        var run = JobManager.Run("SCRIPT:show.tcl", "SCRIPT_ARGS:one {two three}");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("argv0=show.tcl argc=2 argv=one {two three}\n", run.Stdout);
    }

    [Fact]
    public void The_keywords_are_accepted_in_lower_case_too()
    {
        WriteScript("show.tcl", ShowArguments);
        Assert.Equal("argv0=show.tcl argc=1 argv=x\n", JobManager.Run("script:show.tcl", "script_args:x").Stdout);
    }

    [Fact]
    public void A_script_path_followed_by_its_arguments()
    {
        WriteScript("show.tcl", ShowArguments);
        var run = JobManager.Run("show.tcl", "a b", "-c");
        Assert.Equal("argv0=show.tcl argc=2 argv={a b} -c\n", run.Stdout);
    }

    [Fact]
    public void Dash_c_runs_the_given_commands_with_arguments()
    {
        var run = JobManager.Run("-c", "puts [expr {$argc + 1}]; " + ShowArguments, "x");
        Assert.Equal("2\nargv0=jobmanager argc=1 argv=x\n", run.Stdout);
    }

    [Fact]
    public void A_script_on_standard_input_runs_when_input_is_not_a_terminal()
    {
        var run = JobManager.Run([], "set a 20\nputs [expr {$a + 1}]\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("21\n", run.Stdout);
    }

    [Fact]
    public void Version_and_help_exit_zero()
    {
        var version = JobManager.Run("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^jobmanager \d+\.\d+\.\d+", version.Stdout);
        var help = JobManager.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("jobmanager [JOURNAL] SCRIPT:flow.tcl [SCRIPT_ARGS:\"a b\"] [LOGFILE:run.log]", help.Stdout);
        Assert.Contains("JOURNAL, before the script or -c: -journal FILE or -nojournal.", help.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--colour" }, "jobmanager: unknown option '--colour'. Try 'jobmanager --help'.")]
    [InlineData(new[] { "missing.tcl" }, "jobmanager: the script file 'missing.tcl' does not exist.")]
    [InlineData(new[] { "SCRIPT:missing.tcl" }, "jobmanager: the script file 'missing.tcl' does not exist.")]
    [InlineData(new[] { "SCRIPT:.." }, "jobmanager: the script file '..' is a folder; expecting a Tcl script file.")]
    [InlineData(new[] { "a.tcl", "SCRIPT:b.tcl" }, "jobmanager: only one script can run; 'b.tcl' is a second one.")]
    [InlineData(new[] { "-c" }, "jobmanager: -c needs the commands to run, as in -c \"help\".")]
    [InlineData(new[] { "-journal" }, "jobmanager: -journal needs a file name, as in -journal session.jou.")]
    [InlineData(new[] { "-journal", "" }, "jobmanager: -journal needs a file name, as in -journal session.jou.")]
    [InlineData(new[] { "-nojournal", "-journal", "s.jou", "-c", "puts x" }, "jobmanager: give either -journal s.jou or -nojournal, not both.")]
    [InlineData(new[] { "SCRIPT_ARGS:x" }, "jobmanager: SCRIPT_ARGS: goes with a script, as in SCRIPT:flow.tcl SCRIPT_ARGS:\"a b\".")]
    [InlineData(new[] { "-c", "puts x", "SCRIPT_ARGS:{unbalanced" }, "jobmanager: SCRIPT_ARGS:{unbalanced is not a well-formed Tcl list: unmatched open brace in list.")]
    public void A_usage_error_of_the_program_exits_2_and_says_what_is_wrong(string[] args, string message)
    {
        var run = JobManager.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Missing_tcl_is_one_clear_line_and_exit_2()
    {
        JobManager.Environment["JOBMANAGER_TCL_LIBRARY"] = "/nonexistent/libtcl8.6.so";
        var run = JobManager.Run("-c", "puts hi");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "jobmanager: The Tcl 8.6 runtime library '/nonexistent/libtcl8.6.so' named by JOBMANAGER_TCL_LIBRARY could not be loaded. " +
            "Point JOBMANAGER_TCL_LIBRARY at an existing Tcl 8.6 library (libtcl8.6.so or libtcl8.6.so.0) or unset it.\n",
            run.Stderr);
    }

    [Fact]
    public void An_explicit_tcl_library_path_is_used()
    {
        var library = InstalledTclLibrary();
        JobManager.Environment["JOBMANAGER_TCL_LIBRARY"] = library;
        Assert.Equal("8.6\n", JobManager.Run("-c", "puts [info tclversion]").Stdout);
    }

    private static string InstalledTclLibrary()
    {
        using var ldconfig = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ldconfig", "-p") { RedirectStandardOutput = true })!;
        var listing = ldconfig.StandardOutput.ReadToEnd();
        ldconfig.WaitForExit();
        return listing.Split('\n').Where(line => line.Contains("libtcl8.6.so", StringComparison.Ordinal)).Select(line => line.Split("=>")[^1].Trim()).FirstOrDefault()
               ?? throw new InvalidOperationException("ldconfig lists no libtcl8.6.so, yet the other tests found Tcl.");
    }
}
