using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

public sealed class CommandFrameworkTests : IDisposable
{
    private const string Usage =
        "paint -colour <name> [-save <TRUE|FALSE>] [-overwrite <YES|NO>] [-mode <IHP|FPExpress|SDebug>] " +
        "[-features <FABRIC|ENVM|SNVM ...>] [-count <n>] [-file <path>] [-quick]";

    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly RecordingObserver _observer = new();
    private ParsedOptions? _seen;

    public CommandFrameworkTests()
    {
        var registry = new CommandRegistry();
        registry.Add(
        [
            new CommandSpec("paint", "Art", "Paints something.",
            [
                OptionSpec.Text("colour", "name", "The colour.", required: true),
                OptionSpec.Boolean("save", "Save it.", defaultValue: "FALSE"),
                OptionSpec.YesNo("overwrite", "Overwrite it."),
                OptionSpec.Choice("mode", ["IHP", "FPExpress", "SDebug"], "The mode."),
                OptionSpec.ChoiceList("features", ["FABRIC", "ENVM", "SNVM"], "What to paint."),
                OptionSpec.Integer("count", "n", "How many.", 1, 100),
                OptionSpec.File("file", "path", "A file."),
                OptionSpec.Flag("quick", "Be quick."),
            ], (_, options) => { _seen = options; return "painted " + options.Text("colour"); })
            {
                Example = "paint -colour red -save TRUE",
            },
            new CommandSpec("crash", "Art", "Fails unexpectedly.", [], (_, _) => throw new InvalidOperationException("bad state")),
        ]);
        registry.AddObserver(_observer);
        registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Fact]
    public void A_valid_call_runs_the_handler_with_checked_values()
    {
        Assert.Equal("painted red", _tcl.Eval("paint -colour red -mode fpexpress -features {ENVM fabric} -count 3 -overwrite yes -quick"));
        Assert.Equal("FPExpress", _seen!.Text("mode"));
        Assert.Equal(["ENVM", "FABRIC"], _seen.List("features"));
        Assert.Equal(3, _seen.Integer("count"));
        Assert.True(_seen.IsTrue("overwrite"));
        Assert.True(_seen.IsTrue("quick"));
        Assert.False(_seen.IsTrue("save"));
        Assert.False(_seen.Has("file"));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    public void Booleans_accept_the_libero_words(string word, bool expected)
    {
        _tcl.Eval($"paint -colour red -save {word}");
        Assert.Equal(expected, _seen!.IsTrue("save"));
    }

    [Fact]
    public void A_flag_may_be_followed_by_a_boolean_word()
    {
        _tcl.Eval("paint -quick FALSE -colour red");
        Assert.False(_seen!.IsTrue("quick"));
    }

    [Theory]
    [InlineData("paint", "Required parameter 'colour' is missing.", "SPPS MISSING colour")]
    [InlineData("paint -colour red -shade dark", "Parameter 'shade' is not defined. Did you mean -save? Valid command formatting is '" + Usage + "'.", "SPPS BADOPT shade")]
    [InlineData("paint -colour", "Parameter 'colour' has no value. Valid command formatting is '" + Usage + "'.", "SPPS NOVALUE colour")]
    [InlineData("paint -colour red -colour blue", "Parameter 'colour' is given more than once; give it once.", "SPPS DUPOPT colour")]
    [InlineData("paint red", "Unexpected argument 'red': options are written as -name value. Valid command formatting is '" + Usage + "'.", "SPPS BADARG red")]
    [InlineData("paint -colour red -save maybe", "save: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case).", "SPPS BADVALUE -save maybe")]
    [InlineData("paint -colour red -overwrite perhaps", "overwrite: Invalid argument value: 'perhaps' (expecting YES, NO, TRUE, FALSE, 1 or 0, in any letter case).", "SPPS BADVALUE -overwrite perhaps")]
    [InlineData("paint -colour red -mode JTAG", "mode: Invalid argument value: 'JTAG' (expecting IHP, FPExpress or SDebug).", "SPPS BADVALUE -mode JTAG")]
    [InlineData("paint -colour red -features {FABRIC GOLD}", "features: Invalid argument value: 'GOLD' (expecting FABRIC, ENVM or SNVM).", "SPPS BADVALUE -features GOLD")]
    [InlineData("paint -colour red -features {}", "features: Invalid argument value: '' (expecting a list of FABRIC, ENVM or SNVM).", "SPPS BADVALUE -features {}")]
    [InlineData("paint -colour red -features \"{FABRIC\"", "features: Invalid argument value: '{FABRIC' (expecting a list of FABRIC, ENVM or SNVM).", "SPPS BADVALUE -features \\{FABRIC")]
    [InlineData("paint -colour red -count 0", "count: Invalid argument value: '0' (expecting an integer from 1 to 100).", "SPPS BADVALUE -count 0")]
    [InlineData("paint -colour red -count many", "count: Invalid argument value: 'many' (expecting an integer from 1 to 100).", "SPPS BADVALUE -count many")]
    [InlineData("paint -colour {}", "colour: Invalid argument value: '' (expecting a non-empty value).", "SPPS BADVALUE -colour {}")]
    [InlineData("paint -colour red -file /no/such/file.txt", "Parameter 'file': the file '/no/such/file.txt' does not exist.", "SPPS NOFILE -file /no/such/file.txt")]
    [InlineData("paint -colour red -file /", "Parameter 'file': '/' is a folder; expecting a file.", "SPPS NOTAFILE -file /")]
    [InlineData("help paint_it", "Unknown command 'paint_it'. Type 'help' for the list of commands.", "SPPS NOCMD paint_it")]
    public void Each_error_has_its_message_and_a_structured_error_code(string call, string message, string errorCode)
    {
        _tcl.SetVariable("call", call);
        var outcome = _tcl.SplitList(_tcl.Eval("list [catch $call m o] $m [dict get $o -errorcode]"));
        Assert.Equal(["1", message, errorCode], outcome);
        Assert.Null(_seen);
    }

    [Fact]
    public void An_unexpected_handler_exception_becomes_an_internal_error()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("crash"));
        Assert.Equal("Internal error: System.InvalidOperationException: bad state", error.Message);
        Assert.Equal(["SPPS", "INTERNAL", "System.InvalidOperationException"], error.ErrorCode);
    }

    [Fact]
    public void Observers_see_each_call_with_its_outcome()
    {
        _tcl.Eval("paint -colour {dark red}");
        Assert.Throws<TclErrorException>(() => _tcl.Eval("paint"));
        Assert.Equal(
        [
            "start paint -colour {dark red}", "ok paint -colour {dark red} => painted dark red",
            "start paint", "error paint => Required parameter 'colour' is missing.",
        ], _observer.Events);
    }

    [Fact]
    public void Dash_help_prints_the_usage_instead_of_running()
    {
        Assert.Equal(string.Empty, _tcl.Eval("paint -help"));
        Assert.Null(_seen);
        Assert.StartsWith("Usage: paint -colour <name> [-save <TRUE|FALSE>]", _observer.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_areas_and_commands_in_declaration_order()
    {
        _tcl.Eval("help");
        var text = string.Join('\n', _observer.Lines);
        Assert.Equal(
            "Commands (type 'help <command>' or '<command> -help' for details):\n\n" +
            "Art\n  paint  Paints something.\n  crash  Fails unexpectedly.\n\nGeneral\n  help   Lists the commands, or describes one command.",
            text);
    }

    [Fact]
    public void Help_for_a_command_has_the_usage_wrapped_at_80_columns_each_option_with_its_meaning_under_it_and_the_example_last()
    {
        _tcl.Eval("help paint");
        Assert.Equal(
        [
            "Usage: paint -colour <name> [-save <TRUE|FALSE>] [-overwrite <YES|NO>]",
            "        [-mode <IHP|FPExpress|SDebug>] [-features <FABRIC|ENVM|SNVM ...>]",
            "        [-count <n>] [-file <path>] [-quick]",
        ], _observer.Lines.Take(3));
        string[] options =
        [
            "  -colour <name> (required)", "      The colour.",
            "  -save <TRUE|FALSE> (optional)", "      Save it. Default: FALSE.",
            "  -quick (optional)", "      Be quick.",
        ];
        foreach (var pair in options.Chunk(2))
        {
            Assert.Equal(pair[1], _observer.Lines[_observer.Lines.IndexOf(pair[0]) + 1]);
        }

        Assert.Equal(["Example:", "  paint -colour red -save TRUE"], _observer.Lines.TakeLast(2));
        Assert.All(_observer.Lines, line => Assert.True(line.Length <= 80, line));
    }

    [Fact]
    public void A_word_longer_than_a_help_line_is_cut_after_a_bar_and_a_long_summary_continues_under_itself_in_the_list()
    {
        var registry = new CommandRegistry();
        var choices = Enumerable.Range(1, 20).Select(number => $"CHOICE{number}").ToArray();
        registry.Add([new CommandSpec("long", "Art", string.Join(' ', Enumerable.Repeat("A summary of many words.", 8)),
            [OptionSpec.Choice("pick", choices, "One of many.", required: true)], (_, _) => string.Empty)]);
        var help = HelpFormatter.CommandHelp(registry.Find("long")!).Split('\n');
        Assert.All(help, line => Assert.True(line.Length <= 80, line));
        Assert.Contains("  -pick <CHOICE1|CHOICE2|CHOICE3|CHOICE4|CHOICE5|CHOICE6|CHOICE7|CHOICE8|", help);
        var list = HelpFormatter.CommandList(registry.Commands).Split('\n');
        Assert.All(list, line => Assert.True(line.Length <= 80, line));
        Assert.Contains("  long  A summary of many words. A summary of many words. A summary of many", list);
        Assert.Contains("        words. A summary of many words. A summary of many words. A summary of", list);
    }

    [Fact]
    public void Declaring_a_command_twice_is_refused()
    {
        var registry = new CommandRegistry();
        var spec = new CommandSpec("twice", "Art", "x", [], (_, _) => string.Empty);
        registry.Add([spec]);
        Assert.Throws<InvalidOperationException>(() => registry.Add([spec]));
    }

    private sealed class RecordingObserver : ICommandObserver
    {
        public List<string> Events { get; } = [];

        public List<string> Lines { get; } = [];

        public void CommandStarted(string commandLine) => Events.Add("start " + commandLine);

        public void CommandFinished(string commandLine, string result, TimeSpan duration) => Events.Add($"ok {commandLine} => {result}");

        public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration) =>
            Events.Add($"error {commandLine} => {message}");

        public void LinePrinted(TclChannel channel, string line) => Lines.Add(line);
    }
}
