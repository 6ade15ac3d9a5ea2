using Spps.Tcl.Commands;
using Spps.Tcl.Hosting.LineEditing;
using static Spps.Tcl.Tests.LineEditing.ScriptedTerminal;

namespace Spps.Tcl.Tests.LineEditing;

public sealed class LineEditorTests
{
    private const string Prompt = "jobmanager> ";
    private static readonly ConsoleKeyInfo _left = Key(ConsoleKey.LeftArrow);
    private static readonly ConsoleKeyInfo _up = Key(ConsoleKey.UpArrow);
    private static readonly ConsoleKeyInfo _down = Key(ConsoleKey.DownArrow);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
    private readonly LineHistory _history = new(["puts first", "set count 2", "puts last"]);

    [Theory]
    [MemberData(nameof(Edits))]
    public void Keys_edit_the_line(string name, ConsoleKeyInfo[] keys, string expected)
    {
        var terminal = new ScriptedTerminal().Press(keys).Type("\r");
        Assert.True(Read(terminal) == ShellLine.Of(expected), name);
    }

    public static TheoryData<string, ConsoleKeyInfo[], string> Edits() => new()
    {
        { "left and insert", [.. Typed("puts b"), _left, .. Typed("a")], "puts ab" },
        { "Ctrl-A and insert", [.. Typed("uts x"), Control('a'), .. Typed("p")], "puts x" },
        { "Ctrl-E after Ctrl-A", [.. Typed("puts x"), Control('a'), Control('e'), .. Typed("y")], "puts xy" },
        { "Home and End keys", [.. Typed("b"), Key(ConsoleKey.Home), .. Typed("a"), Key(ConsoleKey.End), .. Typed("c")], "abc" },
        { "Backspace", [.. Typed("putz"), Key(ConsoleKey.Backspace), .. Typed("s")], "puts" },
        { "Delete under the cursor", [.. Typed("puts"), _left, Key(ConsoleKey.Delete)], "put" },
        { "Ctrl-D on a non-empty line deletes under the cursor", [.. Typed("abc"), _left, _left, Control('d')], "ac" },
        { "Ctrl-U kills to the start", [.. Typed("junk puts x"), _left, _left, Control('u'), .. Typed("puts")], "puts x" },
        { "Ctrl-K kills to the end", [.. Typed("puts x junk"), _left, _left, _left, _left, _left, Control('k')], "puts x" },
        { "Ctrl-W kills the word before", [.. Typed("puts hello world  "), Control('w')], "puts hello " },
        { "up recalls the newest", [_up], "puts last" },
        { "up twice, the one before", [_up, _up], "set count 2" },
        { "up stops at the oldest", [_up, _up, _up, _up, _up], "puts first" },
        { "down brings back the line typed", [.. Typed("draft"), _up, _up, _down, _down], "draft" },
        { "Ctrl-R finds the newest holding the text", [Control('r'), .. Typed("puts")], "puts last" },
        { "Ctrl-R again goes older", [Control('r'), .. Typed("puts"), Control('r')], "puts first" },
        { "Ctrl-R then an edit key edits the match", [Control('r'), .. Typed("count"), Control('e'), .. Typed("0")], "set count 20" },
        { "Ctrl-G leaves the search with the line as it was", [.. Typed("mine"), Control('r'), .. Typed("count"), Control('g')], "mine" },
        { "control keys insert nothing", [.. Typed("a"), Control('l'), .. Typed("b")], "ab" },
    };

    [Fact]
    public void Enter_on_a_recalled_command_of_several_lines_gives_all_of_it()
    {
        var history = new LineHistory(["proc p {} {\nputs x\n}"]);
        var terminal = new ScriptedTerminal().Press(_up).Type("\r");
        Assert.Equal(ShellLine.Of("proc p {} {\nputs x\n}"), new LineEditor(terminal, history, Completer(), _clock).ReadLine(Prompt));
        Assert.Contains("proc p {} {↵puts x↵}", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_drops_the_line_and_shows_it()
    {
        var terminal = new ScriptedTerminal().Type("puts never").Press(Control('c'));
        Assert.Equal(ShellLine.Interrupted, Read(terminal));
        Assert.EndsWith("^C\r\n", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_Ctrl_C_within_a_second_on_an_empty_line_ends_the_input()
    {
        var editor = new LineEditor(new ScriptedTerminal().Press(Control('c'), Control('c')), _history, Completer(), _clock);
        Assert.Equal(ShellLine.Interrupted, editor.ReadLine(Prompt));
        _clock.Now += TimeSpan.FromMilliseconds(900);
        Assert.Equal(ShellLine.EndOfInput, editor.ReadLine(Prompt));
    }

    [Fact]
    public void A_second_Ctrl_C_after_a_second_only_clears_again()
    {
        var editor = new LineEditor(new ScriptedTerminal().Press(Control('c'), Control('c')), _history, Completer(), _clock);
        Assert.Equal(ShellLine.Interrupted, editor.ReadLine(Prompt));
        _clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(ShellLine.Interrupted, editor.ReadLine(Prompt));
    }

    [Fact]
    public void A_second_Ctrl_C_on_a_line_with_text_clears_it_and_stays()
    {
        var terminal = new ScriptedTerminal().Press(Control('c')).Type("x").Press(Control('c'));
        var editor = new LineEditor(terminal, _history, Completer(), _clock);
        Assert.Equal(ShellLine.Interrupted, editor.ReadLine(Prompt));
        Assert.Equal(ShellLine.Interrupted, editor.ReadLine(Prompt));
    }

    [Fact]
    public void Ctrl_D_on_an_empty_line_ends_the_input() =>
        Assert.Equal(ShellLine.EndOfInput, Read(new ScriptedTerminal().Press(Control('d'))));

    [Theory]
    [InlineData("init_b\t", "init_bitstream ")]
    [InlineData("init_bitstream -bitstream_type M\t", "init_bitstream -bitstream_type MASTER ")]
    [InlineData("init_bitstream -data_name De\t", "init_bitstream -data_name Design_")]
    [InlineData("init_bitstream -data_name Design_\tA\t", "init_bitstream -data_name Design_A ")]
    public void Tab_completes_one_candidate_or_the_common_start(string typed, string expected) =>
        Assert.Equal(ShellLine.Of(expected), Read(new ScriptedTerminal().Type(typed + "\r")));

    [Fact]
    public void A_second_Tab_lists_the_candidates_and_draws_the_line_again()
    {
        var terminal = new ScriptedTerminal().Type("init_bitstream -data_name Design_\t\t\r");
        Assert.Equal(ShellLine.Of("init_bitstream -data_name Design_"), Read(terminal));
        Assert.Contains("\r\nDesign_A  Design_B\r\n\rjobmanager> init_bitstream -data_name Design_", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Tab_with_nothing_to_add_rings_the_bell_and_lists_nothing()
    {
        var terminal = new ScriptedTerminal().Type("init_bitstream -data_name Design_\t\r");
        Read(terminal);
        Assert.Contains('\a', terminal.Output);
        Assert.DoesNotContain("Design_A  Design_B", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_wider_than_the_terminal_scrolls_within_one_row()
    {
        const int width = 30;
        var typed = string.Concat(Enumerable.Range(0, 12).Select(i => $"word{i} "));
        var terminal = new ScriptedTerminal(width).Type(typed).Press(Control('a')).Type("\r");
        Assert.Equal(ShellLine.Of(typed), Read(terminal));
        var rows = terminal.Output.Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split('\u001b')[0]);
        Assert.All(rows, row => Assert.True(row.Length < width, $"'{row}' does not fit in {width} columns."));
        // Ctrl-A scrolled back to the start: the first 17 characters that fit, the cursor moved back over them.
        Assert.Contains("\r" + Prompt + "word0 word1 word2\u001b[K\u001b[17D", terminal.Output, StringComparison.Ordinal);
    }

    private static ConsoleKeyInfo[] Typed(string text)
    {
        var terminal = new ScriptedTerminal().Type(text);
        return [.. text.Select(_ => terminal.ReadKey())];
    }

    private static Completer Completer()
    {
        var registry = new CommandRegistry();
        registry.Add(
        [
            new CommandSpec("init_bitstream", "Data", "Defines a bitstream.",
            [
                OptionSpec.Text("data_name", "name", "The Programming Data."),
                OptionSpec.Choice("bitstream_type", ["MASTER", "UPDATE"], "The type."),
            ], (_, _) => string.Empty),
        ]);
        return new Completer(registry, () => [], (_, option) => option == "data_name" ? ["Design_A", "Design_B"] : [], Directory.GetCurrentDirectory);
    }

    private ShellLine Read(ScriptedTerminal terminal) => new LineEditor(terminal, _history, Completer(), _clock).ReadLine(Prompt);
}
