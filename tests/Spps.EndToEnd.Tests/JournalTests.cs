using System.Security.Cryptography;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// The session's journal (docs/tcl-host.md, "The journal"): a Tcl script that, replayed by the program in a fresh folder,
/// makes the same project; secrets redacted; beside the LOGFILE, named by -journal, else in the home folder, never in
/// the folder the program runs in; a journal that cannot be written is a warning, never a failed run.
/// </summary>
public sealed class JournalTests : EndToEndTest
{
    private const string Commands =
        """
        proc add_bypassed {job count} {
            for {set i 1} {$i <= $count} {incr i} { add_microsemi_bypass_device -job_name $job -device_name D$i -device_hw_location $i -device_type M2S010 }
        }
        set name Board
        new_project -location projects -name $name
        new_prog_job -job_name Line -job_type FPExpress
        catch {new_prog_job -job_name Line -job_type FPExpress}
        add_bypassed Line 3
        close_project -save TRUE
        """;

    [Fact]
    public void A_script_s_journal_holds_the_commands_as_they_ran_and_replayed_in_a_fresh_folder_makes_the_same_project()
    {
        WriteScript("flow.tcl", Commands);
        var run = JobManager.Run("flow.tcl", "LOGFILE:logs/run.log");
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));

        var journal = File.ReadAllText(Work("logs", "run.jou"));
        Assert.Matches(@"^#-+\n# SPPS Job Manager \(open implementation\) \S+ \(jobmanager\): the journal of a session, a Tcl script that replays it\n" +
                       @"# Start of session at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n", journal);
        Assert.Contains("# Session: jobmanager ", journal);
        Assert.Contains("script 'flow.tcl', 0 argument(s) []\n", journal);
        Assert.EndsWith(
            """
            new_project -location projects -name Board
            new_prog_job -job_name Line -job_type FPExpress
            # error: Job 'Line' already exists in project 'Board'; job names are unique.
            # new_prog_job -job_name Line -job_type FPExpress
            add_microsemi_bypass_device -job_name Line -device_name D1 -device_hw_location 1 -device_type M2S010
            add_microsemi_bypass_device -job_name Line -device_name D2 -device_hw_location 2 -device_type M2S010
            add_microsemi_bypass_device -job_name Line -device_name D3 -device_hw_location 3 -device_type M2S010
            close_project -save TRUE

            """, journal);

        AssertReplayMakesTheSameProject(Work("logs", "run.jou"));
    }

    [Fact]
    public void At_the_prompt_the_journal_holds_each_entry_as_entered_a_failed_one_as_a_comment_and_it_replays_to_the_same_project()
    {
        var run = JobManager.Run(["-i"], Commands + "\n\nnew_prog_job -job_name Line -job_type NOSUCH\nputs [llength {a\nb}]\n");
        Assert.Equal(0, run.ExitCode);

        var journal = File.ReadAllText(Folder.Combine("home", "jobmanager.jou"));
        Assert.Contains("interactive shell, 0 argument(s) []\n", journal);
        Assert.EndsWith(
            Commands + """

            # error: job_type: Invalid argument value: 'NOSUCH' (expecting IHP, FPExpress or SDebug).
            # new_prog_job -job_name Line -job_type NOSUCH
            puts [llength {a
            b}]

            """, journal);
        Assert.Empty(Directory.GetFiles(Work(), "*.jou", SearchOption.AllDirectories));

        AssertReplayMakesTheSameProject(Folder.Combine("home", "jobmanager.jou"));
    }

    [Fact]
    public void A_failed_entry_keeps_the_commands_of_it_that_ran_so_that_the_replay_has_their_effect()
    {
        var run = JobManager.Run(["-i"], "new_project -location projects -name Board; new_prog_job -job_name Line -job_type FPExpress; no_such_command\nclose_project -save TRUE\n");
        Assert.Equal(0, run.ExitCode);

        Assert.EndsWith(
            """
            new_project -location projects -name Board
            new_prog_job -job_name Line -job_type FPExpress
            # error: invalid command name "no_such_command"
            # new_project -location projects -name Board; new_prog_job -job_name Line -job_type FPExpress; no_such_command
            close_project -save TRUE

            """, File.ReadAllText(Folder.Combine("home", "jobmanager.jou")));
        AssertReplayMakesTheSameProject(Folder.Combine("home", "jobmanager.jou"));
    }

    [Fact]
    public void A_key_typed_at_the_prompt_or_given_in_a_script_is_redacted_in_the_journal()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var hex = Convert.ToHexString(key);
        var prompt = JobManager.Run(["-i"], $"set k {hex}\nset_key -data_name B -uek1 {Convert.ToHexStringLower(key)}\n");
        Assert.Equal(0, prompt.ExitCode);
        var journal = Folder.Combine("home", "jobmanager.jou");
        SecretScan.AssertAbsent(key, journal);
        Assert.EndsWith("set k <secret>\n# error: No project is open. Use new_project or open_project first.\n# set_key -data_name B -uek1 <secret>\n", File.ReadAllText(journal));

        var script = JobManager.Run("-c", $"catch {{set_key -data_name B -uek1 {hex}}}", "LOGFILE:run.log");
        Assert.Equal(0, script.ExitCode);
        SecretScan.AssertAbsent(key, Work("run.jou"));
        Assert.EndsWith("# set_key -data_name B -uek1 <secret>\n", File.ReadAllText(Work("run.jou")));
    }

    [Fact]
    public void The_journal_goes_where_minus_journal_says_none_with_minus_nojournal_and_the_home_folder_keeps_the_previous_one()
    {
        Assert.Equal(0, JobManager.Run("-c", "puts first").ExitCode);
        Assert.Equal(0, JobManager.Run("-c", "help new_project").ExitCode);
        Assert.EndsWith("\nhelp new_project\n", File.ReadAllText(Folder.Combine("home", "jobmanager.jou")));
        Assert.Contains("commands given with -c", File.ReadAllText(Folder.Combine("home", "jobmanager.backup.jou")));
        Assert.DoesNotContain("help new_project", File.ReadAllText(Folder.Combine("home", "jobmanager.backup.jou")));

        File.Delete(Folder.Combine("home", "jobmanager.jou"));
        Assert.Equal(0, JobManager.Run("-nojournal", "-c", "help").ExitCode);
        Assert.False(File.Exists(Folder.Combine("home", "jobmanager.jou")), "-nojournal writes none");

        Assert.Equal(0, JobManager.Run(["-journal", "j/session.jou", "-i", "LOGFILE:run.log"], "help\n").ExitCode);
        Assert.EndsWith("\nhelp\n", File.ReadAllText(Work("j", "session.jou")));
        Assert.False(File.Exists(Work("run.jou")), "-journal FILE is the journal, not one beside the log");
        Assert.False(File.Exists(Folder.Combine("home", "jobmanager.jou")));
    }

    [Fact]
    public void A_journal_is_never_the_script_it_replays_nor_the_log()
    {
        WriteScript("flow.tcl", Commands);
        Assert.Equal(0, JobManager.Run("flow.tcl", "LOGFILE:run.log").ExitCode);
        var journal = File.ReadAllText(Work("run.jou"));
        Directory.Delete(Work("projects"), recursive: true);

        // Replayed with the same LOGFILE, the journal beside the log would be the script itself: it gets the process id.
        var replay = JobManager.Run("run.jou", "LOGFILE:run.log");
        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Equal(journal, File.ReadAllText(Work("run.jou")));
        Assert.True(File.Exists(Work("projects", "Board", "Board.jprj")), "the replay made nothing");
        Assert.Single(Directory.GetFiles(Work(), "run_*.jou"));

        // The home folder's journal replayed: neither it nor its backup is replaced while it runs.
        Directory.CreateDirectory(Folder.Combine("home"));
        File.Copy(Work("run.jou"), Folder.Combine("home", "jobmanager.jou"));
        Directory.Delete(Work("projects"), recursive: true);
        var home = JobManager.Run(Folder.Combine("home", "jobmanager.jou"));
        Assert.True(home.ExitCode == 0, home.Stderr);
        Assert.Equal(journal, File.ReadAllText(Folder.Combine("home", "jobmanager.jou")));

        foreach (var (args, what) in new[] { (new[] { "-journal", "flow.tcl", "flow.tcl" }, "the script being run"), (["-journal", "run.log", "flow.tcl", "LOGFILE:run.log"], "the LOGFILE") })
        {
            var refused = JobManager.Run(args);
            Assert.Equal((2, $"jobmanager: -journal {args[1]}: that is {what}; name another file for the journal.\n"), (refused.ExitCode, refused.Stderr));
        }

        Assert.Equal(Commands, File.ReadAllText(Work("flow.tcl")));
    }

    [Fact]
    public void A_journal_that_cannot_be_written_is_a_warning_and_the_run_goes_on()
    {
        WriteScript("flow.tcl", "puts ran");
        var run = JobManager.Run("-journal", "flow.tcl/session.jou", "flow.tcl");
        Assert.Equal((0, "ran\n"), (run.ExitCode, run.Stdout));
        Assert.Equal($"Warning: the journal '{Work("flow.tcl", "session.jou")}' cannot be written: '{Work("flow.tcl")}' is a file, not a folder. " +
                     "The session goes on without a journal.\n", run.Stderr);
    }

    private void AssertReplayMakesTheSameProject(string journal)
    {
        var replayFolder = Folder.Combine("replay");
        Directory.CreateDirectory(replayFolder);
        File.Copy(journal, Path.Combine(replayFolder, "session.jou"));
        var replay = new JobManagerProcess(replayFolder, Folder.Combine("replay-home")).Run("session.jou");
        Assert.True(replay.ExitCode == 0, replay.Stderr);

        var made = Path.Combine(replayFolder, "projects", "Board", "Board.jprj");
        Assert.Contains("\"Line\"", File.ReadAllText(made));
        Assert.Equal(File.ReadAllText(Work("projects", "Board", "Board.jprj")), File.ReadAllText(made));
    }
}
