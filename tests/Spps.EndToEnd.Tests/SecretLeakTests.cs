using System.Security.Cryptography;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// A key typed where the command does not expect it — without its option, after a mistyped or wrongly cased option, to
/// a command without secret options, or to a command Tcl does not know — reaches none of standard output, standard
/// error (the message and the errorInfo trace), the LOGFILE and the journal, in any encoding; the message still says what was wrong.
/// </summary>
public sealed class SecretLeakTests : EndToEndTest
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public static TheoryData<string, string, string, bool> Routes => new()
    {
        // command and its required options, the words that carry the key ({0} is the key), the start of the message, and
        // whether the key is typed in lower case
        { "create_keyset -file ks", "{0}", "Unexpected argument '<secret>': options are written as -name value.", false },
        { "create_keyset -file ks", "-uekl {0}", "Parameter 'uekl' is not defined.", true },
        { "create_keyset -file ks", "-UEK1 {0}", "Parameter 'UEK1' is not defined.", false },
        { "create_keyset -file ks", "-Upk1_base {0}", "Parameter 'Upk1_base' is not defined.", true },
        { "set_key -data_name B", "{0}", "Unexpected argument '<secret>': options are written as -name value.", false },
        { "set_key -data_name B", "-uekl {0}", "Parameter 'uekl' is not defined.", true },
        { "set_key -data_name B", "-UEK1 {0}", "Parameter 'UEK1' is not defined.", false },
        { "set_key -data_name B", "-Uek1 {0}", "Parameter 'Uek1' is not defined.", true },
        { "set_new_keys_for_rotation -data_name B", "{0}", "Unexpected argument '<secret>': options are written as -name value.", false },
        { "set_new_keys_for_rotation -data_name B", "-upk_1 {0}", "Parameter 'upk_1' is not defined.", true },
        { "set_new_keys_for_rotation -data_name B", "-UPK2 {0}", "Parameter 'UPK2' is not defined.", false },
        { "set_new_keys_for_rotation -data_name B", "-Dpk {0}", "Parameter 'Dpk' is not defined.", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void A_key_given_without_its_option_or_under_a_wrong_option_name_is_never_shown(string command, string keyWords, string message, bool lowerCase)
    {
        var key = lowerCase ? Convert.ToHexStringLower(_key) : Convert.ToHexString(_key);
        var words = string.Format(System.Globalization.CultureInfo.InvariantCulture, keyWords, key);
        var run = RunLogged($"{command} {words}");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: " + message, run.Stderr);
        var redactedLine = $"{command} {words.Replace(key, "<secret>", StringComparison.Ordinal)}";
        Assert.Contains($"while executing\n\"{redactedLine}\"", run.Stderr);
        Assert.Contains("> " + redactedLine + "\n", Log);
        AssertNotLeaked(run);
    }

    [Fact]
    public void A_script_that_catches_the_error_gets_the_message_and_error_code_without_the_key()
    {
        var key = Convert.ToHexString(_key);
        var run = RunLogged($"catch {{set_key -data_name B {key}}} message options\nputs $message\nputs [dict get $options -errorcode]");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Unexpected argument '<secret>': options are written as -name value. Valid command formatting is 'set_key -data_name <name> ", run.Stdout);
        Assert.EndsWith("\nSPPS BADARG <secret>\n", run.Stdout);
        AssertNotLeaked(run);
    }

    [Fact]
    public void The_value_of_an_unknown_option_is_secret_even_when_it_is_not_a_whole_key()
    {
        var partial = Convert.ToHexString(_key)[..40];
        var run = RunLogged($"set_key -data_name B -Uek1 {partial}");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"set_key -data_name B -Uek1 <secret>\"", run.Stderr);
        Assert.DoesNotContain(partial[..8], run.Stderr + run.Stdout + Log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_key_shaped_word_given_to_a_command_without_secret_options_is_secret_too()
    {
        var key = Convert.ToHexStringLower(_key);
        var run = RunLogged($"open_project -project {key}");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: Parameter 'project': the file '<secret>' does not exist.\n", run.Stderr);
        Assert.Contains("\"open_project -project <secret>\"", run.Stderr);
        Assert.Contains("[errorCode: SPPS NOFILE -project <secret>]", Log);
        AssertNotLeaked(run);
    }

    [Fact]
    public void A_key_given_to_a_mistyped_command_is_redacted_from_the_trace_even_where_tcl_cut_it()
    {
        var key = Convert.ToHexString(_key);
        var whole = RunLogged($"set_kye -data_name B -uek1 {key}");
        Assert.Equal(1, whole.ExitCode);
        Assert.Contains("\"set_kye -data_name B -uek1 <secret>\"", whole.Stderr);
        AssertNotLeaked(whole);

        // Tcl quotes at most 150 bytes of a command in a trace and ends the cut with "...": here the key is cut after 17 digits.
        var cut = RunLogged($"set_kye -data_name {new string('B', 107)} -uek1 {key}");
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains(" -uek1 <secret>...\"", cut.Stderr);
        Assert.DoesNotContain(key[..8], cut.Stderr + Log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_short_value_under_a_secret_option_of_a_mistyped_command_is_redacted_from_the_trace_and_the_log()
    {
        // Not key-like (too short) and never given to a command, so only the option's name marks it as secret.
        var partial = Convert.ToHexString(_key)[..13];
        var run = RunLogged($"proc load {{}} {{set_kye -data_name B -uek1 {partial}}}; load");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"set_kye -data_name B -uek1 <secret>\"", run.Stderr);
        Assert.DoesNotContain(partial, run.Stderr + run.Stdout + Log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_key_given_as_a_script_argument_is_not_written_to_the_log()
    {
        var key = Convert.ToHexString(_key);
        var run = JobManager.Run("-c", "puts [string length [lindex $argv 0]]", key, "LOGFILE:run.log");
        Assert.Equal((0, "64\n"), (run.ExitCode, run.Stdout));
        Assert.Contains("1 argument(s) [<secret>]", Log);
        AssertNotLeaked(run);
    }

    private string Log => File.ReadAllText(Work("run.log"));

    private ProcessResult RunLogged(string commands) => JobManager.Run("-c", commands, "LOGFILE:run.log");

    private void AssertNotLeaked(ProcessResult run)
    {
        SecretScan.AssertAbsentFromText(_key, run.Stdout, "standard output");
        SecretScan.AssertAbsentFromText(_key, run.Stderr, "standard error");
        SecretScan.AssertAbsent(_key, Work("run.log"));
        SecretScan.AssertAbsent(_key, Work("run.jou")); // the journal beside the log
    }
}
