using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

public sealed class SecretRedactionTests : IDisposable
{
    private const string Key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly CommandRegistry _registry = new();
    private readonly List<string> _seen = [];

    public SecretRedactionTests()
    {
        _registry.Add([
            new CommandSpec("store_key", "Keys", "Takes a key.",
                [OptionSpec.Text("name", "n", "A name."), OptionSpec.Text("key", "k", "A key.") with { Secret = true }, OptionSpec.Flag("quick", "Quickly.")],
                (_, options) => throw new TclCommandException("refused", ["SPPS", "NO"])),
            new CommandSpec("echo", "Words", "Prints its word and returns it.", [OptionSpec.Text("word", "w", "A word.")], (context, options) =>
            {
                context.Info($"Got '{options.Text("word")}'.");
                return options.Text("word");
            }),
            new CommandSpec("refuse", "Words", "Refuses its word, quoting it.", [OptionSpec.Text("word", "w", "A word.")],
                (_, options) => throw new TclCommandException($"No '{options.Text("word")}' here.", ["SPPS", "NOWORD", options.Text("word")])),
        ]);
        _registry.AddObserver(new Recorder(_seen));
        _registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Theory]
    [InlineData("stor_key -key 0123456789abcdef0123", "stor_key -key <secret>")] // a misspelt command: no command saw the key
    [InlineData("echo -word x; store_key -KEY \"0123456789abcdef\"", "echo -word x; store_key -KEY \"<secret>\"")]
    [InlineData("puts [store_key -name a -key {0123456789abcdef}]", "puts [store_key -name a -key {<secret>}]")]
    [InlineData("echo -word 0123456789abcdef -keyring 7", "echo -word 0123456789abcdef -keyring 7")] // not a secret option
    public void A_typed_line_has_the_value_of_any_secret_option_redacted_whether_or_not_its_command_ran(string typed, string kept)
    {
        Assert.Equal(kept, _registry.RedactCommandText(typed));
    }

    [Fact]
    public void Observers_never_see_a_secret_value()
    {
        Assert.Throws<TclErrorException>(() => _tcl.Eval($"store_key -name a -key {Key}"));
        Assert.All(_seen, line => Assert.DoesNotContain(Key, line, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("store_key -name a -key <secret>", _seen);
    }

    [Fact]
    public void Traces_are_redacted_whole_in_any_case_and_where_tcl_cut_the_value_off()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval($"store_key -name {Key[..4]} -key {Key}x"));
        var text = $"{error.ErrorInfo} {Key.ToLowerInvariant()}x and {Key[..20]}... and {Key[..4]}";
        var redacted = _registry.Redact(text);
        Assert.DoesNotContain(Key[..8], redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<secret> and <secret>... and 0011", redacted);
    }

    [Fact]
    public void Without_secrets_text_is_unchanged() => Assert.Equal("plain text", _registry.Redact("plain text"));

    [Theory]
    [InlineData("store_key -name a {0}", "store_key -name a <secret>", "Unexpected argument '<secret>': options are written as -name value.", "SPPS BADARG <secret>")]
    [InlineData("store_key -name a -kye {0}", "store_key -name a -kye <secret>", "Parameter 'kye' is not defined.", "SPPS BADOPT kye")]
    [InlineData("store_key -KEY {0} -name a", "store_key -KEY <secret> -name a", "Parameter 'KEY' is not defined.", "SPPS BADOPT KEY")]
    [InlineData("store_key -name {0}", "store_key -name <secret>", "refused", "SPPS NO")]
    [InlineData("refuse -word {0}", "refuse -word <secret>", "No '<secret>' here.", "SPPS NOWORD <secret>")]
    [InlineData("refuse {0}", "refuse <secret>", "Unexpected argument '<secret>': options are written as -name value.", "SPPS BADARG <secret>")]
    public void A_key_in_the_wrong_place_is_secret_in_the_command_line_the_message_and_the_error_code(string call, string logged, string message, string errorCode)
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval(string.Format(System.Globalization.CultureInfo.InvariantCulture, call, Key.ToLowerInvariant())));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(errorCode, string.Join(' ', error.ErrorCode));
        Assert.Contains(logged, _seen);
        Assert.All(_seen, line => Assert.DoesNotContain(Key, line, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Key[..8], _registry.Redact(error.ErrorInfo), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Any_word_a_command_with_secret_options_cannot_place_is_secret_and_other_words_stay_readable()
    {
        Assert.Throws<TclErrorException>(() => _tcl.Eval("store_key -quick TRUE -name a -Key abcdefghij -kye -name b stray"));
        Assert.Contains("store_key -quick TRUE -name a -Key <secret> -kye -name b <secret>", _seen);
        Assert.Equal("<secret> and -name", _registry.Redact("abcdefghij and -name"));

        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("refuse stray"));
        Assert.StartsWith("Unexpected argument 'stray': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("refuse stray", _seen);
    }

    [Fact]
    public void Printed_lines_and_logged_results_are_redacted_but_the_script_gets_its_result()
    {
        Assert.Equal(Key, _tcl.Eval($"echo -word {Key}"));
        Assert.Contains("Info: Got '<secret>'.", _seen);
        Assert.Contains("echo -word <secret> <secret>", _seen);
        Assert.All(_seen, line => Assert.DoesNotContain(Key, line, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("key 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF0 end", "key <secret> end")]
    [InlineData("cut \"set x -uek1 0011223344556677...\"", "cut \"set x -uek1 <secret>...\"")]
    [InlineData("short 0011223...", "short 0011223...")]
    [InlineData("hash 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEF", "hash 00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEF")]
    public void Key_like_text_is_64_hex_digits_or_more_or_a_run_of_8_that_tcl_cut_off(string text, string redacted) =>
        Assert.Equal(redacted, KeyLikeText.Redact(text));

    private sealed class Recorder(List<string> seen) : ICommandObserver
    {
        public void CommandStarted(string commandLine) => seen.Add(commandLine);

        public void CommandFinished(string commandLine, string result, TimeSpan duration) => seen.Add(commandLine + " " + result);

        public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration) => seen.Add(commandLine + " " + message);

        public void LinePrinted(TclChannel channel, string line) => seen.Add(line);
    }
}
