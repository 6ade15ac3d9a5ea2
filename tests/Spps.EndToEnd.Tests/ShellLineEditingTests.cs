namespace Spps.EndToEnd.Tests;

/// <summary>The interactive shell at a terminal, driven through a pseudo-terminal with the keys a user presses.</summary>
public sealed class ShellLineEditingTests : EndToEndTest
{
    private const string Up = "\u001b[A";
    private const string CtrlA = "\u0001";
    private const string CtrlC = "\u0003";
    private const string CtrlD = "\u0004";
    private const string CtrlR = "\u0012";
    private const string CtrlU = "\u0015";

    [Fact]
    public void The_up_arrow_runs_a_command_again_also_in_the_next_session()
    {
        using (var shell = Started())
        {
            Run(shell, "puts marker-[expr 6*7]", "marker-42");
            Run(shell, Up, "marker-42");
            shell.Send(CtrlD);
            Assert.Equal(0, shell.WaitForExit());
        }

        using var next = Started();
        Run(next, Up, "marker-42");
    }

    [Fact]
    public void Ctrl_R_finds_an_earlier_command_by_what_it_holds()
    {
        using var shell = Started();
        Run(shell, "puts first-[expr 1+1]", "first-2");
        Run(shell, "puts second-[expr 2+2]", "second-4");
        shell.Send(CtrlR + "first");
        shell.Expect("(reverse-i-search)'first': puts first-[expr 1+1]");
        Run(shell, string.Empty, "first-2");
    }

    [Fact]
    public void Tab_completes_a_command_an_option_a_choice_value_and_a_name_from_the_project()
    {
        using var shell = Started();
        Run(shell, "new_project -location . -name P", "Created project 'P'");
        shell.Send("new_prog_j\t");
        shell.Expect("new_prog_job ");
        shell.Send("-job_name Alpha -job_t\t");
        shell.Expect("-job_type ");
        shell.Send("fpe\t");
        shell.Expect("-job_type FPExpress ");
        Run(shell, string.Empty, "Created FPExpress job 'Alpha'");
        shell.Send("report_prog_job -job_name Al\t");
        shell.Expect("-job_name Alpha ");
        Run(shell, string.Empty, "Job:    Alpha (FPExpress, JTAG_CHAIN)");
    }

    [Fact]
    public void Every_program_with_a_shell_has_it_fpexpress_completing_its_commands_and_the_programming_actions()
    {
        using var shell = new PseudoTerminal(Work(), Folder.Combine("fpexpress-home"), "fpexpress", "FPEXPRESS_HOME");
        shell.Expect("fpexpress> ");
        shell.Send("set_programming_ac\t");
        shell.Expect("set_programming_action ");
        shell.Send("-action ver\t");
        shell.Expect("-action VERIFY");
        shell.Send("_d\t");
        shell.Expect("-action VERIFY_DIGEST ");
        shell.Send("\r");
        shell.Expect("No job project is open");
        shell.ExpectPrompt("fpexpress> ");
    }

    [Fact]
    public void Ctrl_U_and_Ctrl_A_edit_the_line_before_it_runs()
    {
        using var shell = Started();
        shell.Send("garbage words" + CtrlU + "uts edited-[expr 1+2]" + CtrlA + "p");
        shell.Expect("jobmanager> puts edited-[expr 1+2]");
        Run(shell, string.Empty, "edited-3");
        Assert.DoesNotContain("garbage", Printed(shell), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_drops_the_line_being_typed_and_the_shell_goes_on()
    {
        using var shell = Started();
        shell.Send("puts never-[expr 5*5]" + CtrlC);
        shell.Expect("^C");
        shell.ExpectPrompt();
        Run(shell, "puts alive-[expr 3*3]", "alive-9");
        Assert.DoesNotContain("never-25", shell.Screen, StringComparison.Ordinal);
        shell.Send(CtrlD);
        Assert.Equal(0, shell.WaitForExit());
    }

    [Fact]
    public void Ctrl_D_on_an_empty_line_leaves_as_the_end_of_input_does_discarding_unsaved_changes_with_a_warning()
    {
        using var shell = Started();
        Run(shell, "new_project -location . -name P", "Created project 'P'");
        Run(shell, "new_prog_job -job_name J -job_type FPExpress", "Created FPExpress job 'J'");
        shell.Send(CtrlD);
        Assert.Equal(3, shell.WaitForExit());
        Assert.Contains("Warning: Project 'P' was still open with unsaved changes, which were discarded.", shell.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_file_holds_secret_values_redacted_as_the_log_does()
    {
        const string key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
        const string shortSecret = "0123456789abcdef0123";
        using (var shell = Started())
        {
            Run(shell, $"puts [string length {key}]", "64");
            Run(shell, $"set_key -data_name D -uek1 {shortSecret}", "No project is open");
            Run(shell, "history", "set_key -data_name D -uek1 <secret>");
            shell.Send(CtrlD);
            shell.WaitForExit();
        }

        var history = File.ReadAllText(Folder.Combine("home", "history"));
        Assert.Contains("puts [string length <secret>]\n", history, StringComparison.Ordinal);
        Assert.Contains("set_key -data_name D -uek1 <secret>\n", history, StringComparison.Ordinal);
        Assert.DoesNotContain(key, history, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(shortSecret, history, StringComparison.OrdinalIgnoreCase);
    }

    private PseudoTerminal Started()
    {
        var shell = new PseudoTerminal(Work(), Folder.Combine("home"));
        shell.Expect("'exit' to leave.");
        shell.Expect("jobmanager> ");
        return shell;
    }

    /// <summary>Types the keys and Enter, waits for what the command prints, then for the next prompt.</summary>
    private static void Run(PseudoTerminal shell, string keys, string printed)
    {
        shell.Send(keys + "\r");
        shell.Expect(printed);
        shell.ExpectPrompt();
    }

    // What the commands printed: the lines that are not the prompt's redrawing.
    private static string Printed(PseudoTerminal shell) =>
        string.Join('\n', shell.Screen.Split('\n').Where(line => !line.Contains("jobmanager> ", StringComparison.Ordinal)));
}
