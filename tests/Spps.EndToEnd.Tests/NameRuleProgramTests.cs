namespace Spps.EndToEnd.Tests;

/// <summary>The framework's name and letter-case rules, as each program's users meet them (see NameAndCaseRuleTests for the rule's table).</summary>
public sealed class NameRuleProgramTests : EndToEndTest
{
    [Theory]
    [InlineData("jobmanager", "new_prog_job -job_name {my job} -job_type FPExpress",
        "job_name: Invalid argument value: 'my job' (expecting 1 to 64 letters, digits and '_').", "SPPS BADVALUE -job_name {my job}")]
    [InlineData("jobmanager", "new_project -location . -name {.hidden}",
        "name: Invalid argument value: '.hidden' (expecting a name of at most 100 letters, digits, '_', '-' and '.', starting with a letter, digit or '_').",
        "SPPS BADVALUE -name .hidden")]
    [InlineData("fpexpress", "set_programming_action -name {FPGA 1} -action PROGRAM",
        "name: Invalid argument value: 'FPGA 1' (expecting 1 to 64 letters, digits and '_').", "SPPS BADVALUE -name {FPGA 1}")]
    [InlineData("fpexpress", "remove_hsm_tickets -force maybe",
        "force: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case).", "SPPS BADVALUE -force maybe")]
    public void A_bad_name_or_boolean_is_refused_by_each_program_with_the_framework_message(string program, string call, string message, string errorCode)
    {
        var run = (program == "jobmanager" ? JobManager : FpExpress).Run("-c", $"catch {{{call}}} message options; puts $message; puts [dict get $options -errorcode]");
        Assert.Equal((0, $"{message}\n{errorCode}\n"), (run.ExitCode, run.Stdout));
    }

    [Theory]
    [InlineData("jobmanager", "get_software_info -version True")]
    [InlineData("fpexpress", "set_hsm_params -hsm_server_name local -m_hsm_uuid 0d7e8f2a-3b4c-4d5e-8f60-718293a4b5c6 -hsm_type_u False")]
    public void A_boolean_word_in_any_letter_case_is_accepted_by_each_program(string program, string call)
    {
        var run = (program == "jobmanager" ? JobManager : FpExpress).Run("-c", call);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
