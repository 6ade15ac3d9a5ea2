namespace Spps.EndToEnd.Tests;

/// <summary>fpexpress's help is part of the product too: compared with the files in Golden/fpexpress/ (see <see cref="GoldenFile"/>).</summary>
public sealed class FpExpressHelpGoldenTests : EndToEndTest
{
    private static readonly string[] _commands =
    [
        "help", "set_hsm_params", "process_job_request", "list_all_hsm_tickets", "remove_hsm_tickets",
        "create_job_project", "open_project", "set_programming_action", "save_project", "close_project", "get_job_status", "complete_prog_job",
        "complete_debug_job", "connect_bench", "scan_chain_prg", "run_selected_actions", "program_file", "unlock_debug", "read_debug_info",
    ];

    public static TheoryData<string> Commands => new(_commands);

    [Fact]
    public void The_command_list_matches_its_golden_file_and_names_only_fpexpress_commands()
    {
        var help = FpExpress.Run("-c", "help").Stdout;
        GoldenFile.Assert("fpexpress/help.txt", help);
        Assert.Equal(_commands.Order(), GoldenFile.ListedCommands(help).Order());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_for_each_command_matches_its_golden_file_and_dash_help_says_the_same(string command) =>
        GoldenFile.AssertCommandHelp(FpExpress, "fpexpress/", command);
}
