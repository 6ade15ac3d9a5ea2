using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

/// <summary>What every command gets from the framework: "did you mean", <c>-quiet</c>, and a warning for Windows-style paths.</summary>
public sealed class CommandConventionTests : IDisposable
{
    private const string Usage = "paint -colour <name> [-mode <IHP|FPExpress|SDebug>] [-features <FABRIC|ENVM|SNVM ...>] [-out <folder>] [-file <path>] [-quick]";

    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly CommandRegistry _registry = new();
    private readonly ChannelObserver _observer = new();
    private ParsedOptions? _seen;

    public CommandConventionTests()
    {
        _registry.Add(
        [
            new CommandSpec("paint", "Art", "Paints something.",
            [
                OptionSpec.Text("colour", "name", "The colour.", required: true),
                OptionSpec.Choice("mode", ["IHP", "FPExpress", "SDebug"], "The mode."),
                OptionSpec.ChoiceList("features", ["FABRIC", "ENVM", "SNVM"], "What to paint."),
                OptionSpec.Path("out", "folder", "Where to put it."),
                OptionSpec.File("file", "path", "A file."),
                OptionSpec.Flag("quick", "Be quick."),
            ], (_, options) => { _seen = options; return "painted"; }),
            new CommandSpec("report_paint", "Art", "Prints a report and returns it as a dict.", [], (context, _) =>
            {
                context.Info("Reading the paint.");
                context.Print("Colour  Layers\nred     2");
                context.Warning("The paint is old.");
                return "colour red layers 2";
            }),
            new CommandSpec("count_paint", "Art", "Returns a number and prints nothing.", [], (_, _) => "2"),
        ]);
        _registry.AddObserver(_observer);
        _registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Theory]
    [InlineData("paint -colur red", "Parameter 'colur' is not defined. Did you mean -colour? Valid command formatting is '" + Usage + "'.", "SPPS BADOPT colur")]
    [InlineData("paint -Colour red", "Parameter 'Colour' is not defined. Did you mean -colour? Valid command formatting is '" + Usage + "'.", "SPPS BADOPT Colour")]
    [InlineData("paint -colour red -quite", "Parameter 'quite' is not defined. Did you mean -quick or -quiet? Valid command formatting is '" + Usage + "'.", "SPPS BADOPT quite")]
    [InlineData("paint -colour red -shade dark", "Parameter 'shade' is not defined. Valid command formatting is '" + Usage + "'.", "SPPS BADOPT shade")]
    [InlineData("paint --colour red", "Parameter '-colour' is not defined: options take one dash, as in -colour. Valid command formatting is '" + Usage + "'.", "SPPS BADOPT -colour")]
    [InlineData("paint --colur red", "Parameter '-colur' is not defined: options take one dash. Did you mean -colour? Valid command formatting is '" + Usage + "'.", "SPPS BADOPT -colur")]
    [InlineData("paint -colour red --quiet", "Parameter '-quiet' is not defined: options take one dash, as in -quiet. Valid command formatting is '" + Usage + "'.", "SPPS BADOPT -quiet")]
    [InlineData("paint -colour red -mode ihpp", "mode: Invalid argument value: 'ihpp' (expecting IHP, FPExpress or SDebug). Did you mean IHP?", "SPPS BADVALUE -mode ihpp")]
    [InlineData("paint -colour red -mode FPExpres", "mode: Invalid argument value: 'FPExpres' (expecting IHP, FPExpress or SDebug). Did you mean FPExpress?", "SPPS BADVALUE -mode FPExpres")]
    [InlineData("paint -colour red -mode JTAG", "mode: Invalid argument value: 'JTAG' (expecting IHP, FPExpress or SDebug).", "SPPS BADVALUE -mode JTAG")]
    [InlineData("paint -colour red -features {FABRIC ENV}", "features: Invalid argument value: 'ENV' (expecting FABRIC, ENVM or SNVM). Did you mean ENVM or SNVM?", "SPPS BADVALUE -features ENV")]
    [InlineData("help pain", "Unknown command 'pain'. Did you mean paint? Type 'help' for the list of commands.", "SPPS NOCMD pain")]
    [InlineData("paintt -colour red", "invalid command name \"paintt\". Did you mean paint?", "TCL LOOKUP COMMAND paintt")]
    [InlineData("Report_Paint", "invalid command name \"Report_Paint\". Did you mean report_paint?", "TCL LOOKUP COMMAND Report_Paint")]
    [InlineData("putz hello", "invalid command name \"putz\". Did you mean puts?", "TCL LOOKUP COMMAND putz")]
    [InlineData("xyzzy_unheard_of", "invalid command name \"xyzzy_unheard_of\"", "TCL LOOKUP COMMAND xyzzy_unheard_of")]
    public void A_mistyped_name_suggests_the_closest_valid_ones_and_keeps_its_error_code(string call, string message, string errorCode)
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval(call));
        Assert.Equal((message, errorCode), (error.Message, string.Join(' ', error.ErrorCode)));
        Assert.Null(_seen);
    }

    [Fact]
    public void An_unknown_command_in_a_procedure_is_suggested_too_and_its_trace_names_the_call()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("proc touch_up {} { paintt -colour red }\ntouch_up"));
        Assert.Equal("invalid command name \"paintt\". Did you mean paint?", error.Message);
        Assert.StartsWith("invalid command name \"paintt\". Did you mean paint?\n    while executing\n\"paintt -colour red \"", error.ErrorInfo);
        Assert.Contains("(procedure \"touch_up\" line 1)", error.ErrorInfo);
    }

    [Fact]
    public void Tcls_own_unknown_still_runs_first()
    {
        // Auto-loading is the unknown handler's job: a command known only by its auto_index entry is loaded and run.
        Assert.Equal("late", _tcl.Eval("set auto_index(late_paint) {proc late_paint {} { return late }}; late_paint"));
    }

    [Theory]
    [InlineData("report_paint", "Info: Reading the paint.|Colour  Layers|red     2", "Warning: The paint is old.")]
    [InlineData("report_paint -quiet", "", "Warning: The paint is old.")]
    [InlineData("report_paint -quiet TRUE", "", "Warning: The paint is old.")]
    [InlineData("report_paint -quiet FALSE", "Info: Reading the paint.|Colour  Layers|red     2", "Warning: The paint is old.")]
    public void Quiet_suppresses_the_report_and_info_lines_but_keeps_warnings_and_the_result(string call, string stdout, string stderr)
    {
        Assert.Equal("colour red layers 2", _tcl.Eval(call));
        Assert.Equal(stdout, string.Join('|', _observer.Lines(TclChannel.Stdout)));
        Assert.Equal(stderr, string.Join('|', _observer.Lines(TclChannel.Stderr)));
    }

    [Fact]
    public void Every_command_accepts_quiet_without_declaring_it()
    {
        Assert.Equal("painted", _tcl.Eval("paint -quiet -colour red"));
        Assert.True(_seen!.IsTrue("quiet"));
        Assert.Equal("painted", _tcl.Eval("paint -colour red"));
        Assert.False(_seen.IsTrue("quiet"));
    }

    [Theory]
    [InlineData("report_paint", "colour red layers 2")]
    [InlineData("set shown [report_paint]", "colour red layers 2")]
    [InlineData("report_paint -quiet", null)]
    [InlineData("count_paint", null)]
    [InlineData("report_paint; count_paint", null)]
    public void A_result_the_command_printed_as_its_report_is_known_as_shown(string line, string? shown)
    {
        _registry.ForgetShownResult();
        _tcl.Eval(line);
        Assert.Equal(shown, _registry.ShownResult);
    }

    [SkippableTheory]
    [InlineData(@"{C:\out\m}")]
    [InlineData("C:/out/m")]
    [InlineData(@"{\\server\share\m}")]
    [InlineData(@"{out\m}")]
    [InlineData("c:")]
    public void A_windows_style_path_is_taken_literally_with_a_warning_naming_the_option(string value)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows paths are this system's own there.");
        var literal = _tcl.SplitList(value)[0];
        Assert.Equal("painted", _tcl.Eval($"paint -colour red -out {value}"));
        Assert.Equal(literal, _seen!.Text("out"));
        Assert.Equal(
            $"Warning: Parameter 'out': '{literal}' looks like a Windows path; it is taken literally on this system, where '\\' is part of a name " +
            "and a drive letter is an ordinary folder name. Write paths with '/' and without a drive.",
            Assert.Single(_observer.Lines(TclChannel.Stderr)));
    }

    [Theory]
    [InlineData("-colour red -out /tmp/out/m")]
    [InlineData("-colour red -out out/m")]
    [InlineData("-colour red -out ./C:")]
    [InlineData(@"-colour {C:\not\a\path}")]
    public void Paths_of_this_system_and_options_that_are_not_paths_get_no_warning(string options)
    {
        _tcl.Eval($"paint {options}");
        Assert.Empty(_observer.Lines(TclChannel.Stderr));
    }

    [SkippableFact]
    public void A_windows_style_path_to_a_missing_file_is_warned_about_before_it_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows paths are this system's own there.");
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval(@"paint -colour red -file {C:\designs\top.jdc}"));
        Assert.Equal(["SPPS", "NOFILE", "-file", @"C:\designs\top.jdc"], error.ErrorCode);
        Assert.StartsWith(@"Warning: Parameter 'file': 'C:\designs\top.jdc' looks like a Windows path;", Assert.Single(_observer.Lines(TclChannel.Stderr)));
    }

    private sealed class ChannelObserver : ICommandObserver
    {
        private readonly List<(TclChannel Channel, string Line)> _lines = [];

        public IEnumerable<string> Lines(TclChannel channel) => _lines.Where(line => line.Channel == channel).Select(line => line.Line);

        public void CommandStarted(string commandLine)
        {
        }

        public void CommandFinished(string commandLine, string result, TimeSpan duration)
        {
        }

        public void CommandFailed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration)
        {
        }

        public void LinePrinted(TclChannel channel, string line) => _lines.Add((channel, line));
    }
}
