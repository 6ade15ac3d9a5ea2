namespace Spps.EndToEnd.Tests;

/// <summary>
/// The help text is part of the product: it is compared with the files in Golden/. After a deliberate change,
/// run the tests once with SPPS_UPDATE_GOLDEN=1 and review the diff of Golden/.
/// </summary>
public sealed class HelpGoldenTests : EndToEndTest
{
    private static readonly string[] _commands = ["help", "set_hsm_params", "get_software_info", "create_keyset", "report_keyset", "new_project", "open_project", "close_project",
        "new_prog_data", "set_key", "remove_key", "set_security_overwrite", "remove_security_overwrite", "set_new_keys_for_rotation",
        "set_envm_update", "remove_envm_update", "set_snvm_update", "remove_snvm_update", "init_bitstream", "export_bitstream_file", "report_prog_data", "export_spi_directory",
        "new_prog_job", "add_microsemi_prog_device", "add_microsemi_bypass_device", "add_non_microsemi_bypass_device", "export_prog_job", "report_prog_job",
        "add_hsmtask_to_job", "new_hsmtask_ticket", "report_hsmtask", "hsmtask_m_request", "hsmtask_m_reply", "export_hsmtask", "import_job_status", "export_job_report"];

    public static TheoryData<string> Commands => new(_commands);

    [Fact]
    public void The_command_list_matches_its_golden_file() =>
        GoldenFile.Assert("help.txt", JobManager.Run("-c", "help").Stdout);

    [Fact]
    public void Every_listed_command_has_a_golden_help_file() =>
        Assert.Equal(_commands.Order(), GoldenFile.ListedCommands(JobManager.Run("-c", "help").Stdout).Order());

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_for_each_command_matches_its_golden_file_and_dash_help_says_the_same(string command) =>
        GoldenFile.AssertCommandHelp(JobManager, string.Empty, command);
}
