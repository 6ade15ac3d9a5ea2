using System.Text.RegularExpressions;

namespace Spps.EndToEnd.Tests;

/// <summary>What every command of every program gets from the framework, seen from the shell and from scripts: a report printed once, <c>-quiet</c>, "did you mean", and the Windows-path warning.</summary>
public sealed class ShellConventionTests : EndToEndTest
{
    private const string Table = "Settings file:"; // a line of get_software_info's printed report
    private const string Dict = "settings_file "; // a key of its result

    [Theory]
    [InlineData("-i", "get_software_info", 1, 0)] // the shell does not echo the dict the table already showed
    [InlineData("-i", "get_software_info -quiet", 0, 1)] // only the result, echoed by the shell
    [InlineData("-i", "puts [get_software_info -quiet]", 0, 1)]
    [InlineData("-c", "get_software_info", 1, 0)]
    [InlineData("-c", "get_software_info -quiet", 0, 0)]
    public void A_report_appears_once_and_quiet_leaves_only_the_result(string mode, string line, int tables, int dicts)
    {
        var run = mode == "-i" ? JobManager.Run(["-i"], line + "\n") : JobManager.Run("-c", line);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((tables, dicts), (Occurrences(run.Stdout, Table), Occurrences(run.Stdout, Dict)));
    }

    [Fact]
    public void A_project_report_at_the_prompt_prints_its_table_once_and_quiet_echoes_only_the_dict()
    {
        var run = JobManager.Run(["-i"],
            "new_project -location . -name P\nnew_prog_job -job_name J -job_type FPExpress\nreport_prog_job -job_name J\n" +
            "report_prog_job -job_name J -quiet\nclose_project -save FALSE\n");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(1, Occurrences(run.Stdout, "Job:    J (FPExpress"));
        Assert.Equal(1, Occurrences(run.Stdout, "job_name J job_type FPExpress"));
    }

    [Fact]
    public void Quiet_silences_the_info_lines_of_any_command_of_fpexpress_too()
    {
        var run = FpExpress.Run(["-i"], "set_hsm_params -hsm_server_name local -m_hsm_uuid 12345678-90ab-cdef-1234-567890abcdef -quiet\n");
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.DoesNotContain("Info:", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Folder.Combine("fpexpress-home", "settings.json")));
    }

    [Fact]
    public void A_mistyped_name_suggests_the_closest_at_the_prompt_and_in_a_script()
    {
        string[] lines =
        [
            "new_projet -location . -name P",
            "new_project --location . -name P",
            "new_project -locaton . -name P",
            "new_prog_job -job_name J -job_type FPExpres",
        ];
        string[] messages =
        [
            "invalid command name \"new_projet\". Did you mean new_project?",
            "Parameter '-location' is not defined: options take one dash, as in -location. Valid command formatting is 'new_project ",
            "Parameter 'locaton' is not defined. Did you mean -location? Valid command formatting is 'new_project ",
            "job_type: Invalid argument value: 'FPExpres' (expecting IHP, FPExpress or SDebug). Did you mean FPExpress?",
        ];
        // Options are checked before the open project is needed, so no project is made here.
        var shell = JobManager.Run(["-i"], string.Join('\n', lines) + "\n");
        var script = JobManager.Run("-c", string.Join('\n', lines.Select(line => $"catch {{{line}}} message; puts $message")));
        foreach (var message in messages)
        {
            Assert.Contains("Error: " + message, shell.Stderr, StringComparison.Ordinal);
            Assert.Contains(message, script.Stdout, StringComparison.Ordinal);
        }

        var uncaught = JobManager.Run("-c", lines[0]);
        Assert.Equal(1, uncaught.ExitCode);
        Assert.StartsWith($"Error: {messages[0]}\n{messages[0]}\n    while executing\n\"new_projet -location . -name P\"", uncaught.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fpexpress_suggests_its_own_commands()
    {
        // Not a prefix of the name: at an interactive prompt Tcl itself runs a command given by a unique prefix.
        var run = FpExpress.Run(["-i"], "list_all_hsm_tikets\n");
        Assert.Equal("Error: invalid command name \"list_all_hsm_tikets\". Did you mean list_all_hsm_tickets?\n", run.Stderr);
    }

    [SkippableFact]
    public void A_windows_style_location_is_taken_literally_with_a_warning()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows paths are this system's own there.");
        var run = JobManager.Run("-c", @"new_project -location {C:\out\m} -name P; close_project -save TRUE");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith(@"Warning: Parameter 'location': 'C:\out\m' looks like a Windows path; it is taken literally on this system", run.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Work(@"C:\out\m", "P", "P.jprj")));
    }

    private static int Occurrences(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;
}
