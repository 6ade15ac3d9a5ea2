using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

/// <summary>
/// The letter case of boolean, YES/NO and choice values, and the characters names may hold, are decided once in the
/// framework (docs/decisions.md): every command that declares such an option gets the same rule and the same message.
/// </summary>
public sealed class NameAndCaseRuleTests : IDisposable
{
    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private ParsedOptions? _seen;

    public NameAndCaseRuleTests()
    {
        var registry = new CommandRegistry();
        registry.Add(
        [
            new CommandSpec("name_it", "Art", "Names things.",
            [
                OptionSpec.EntryName("entry", "name", "A thing of the project."),
                OptionSpec.FileName("file", "file_name", "A file without a folder."),
                OptionSpec.Boolean("save", "Save it."),
                OptionSpec.YesNo("overwrite", "Overwrite it."),
                OptionSpec.Flag("quick", "Be quick."),
                OptionSpec.Choice("mode", ["IHP", "FPExpress"], "The mode."),
            ], (_, options) => { _seen = options; return string.Empty; }),
        ]);
        registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Theory]
    [InlineData("entry", "Board")]
    [InlineData("entry", "board_2")]
    [InlineData("entry", "_x")]
    [InlineData("entry", "9lives")]
    [InlineData("entry", "Long_name_Long_name_Long_name_Long_name_Long_name_Long_name_four")] // 64 characters
    [InlineData("file", "production.ks")]
    [InlineData("file", "board-2.job")]
    [InlineData("file", "_v1.2")]
    [InlineData("file", "Board")]
    public void A_name_by_its_rule_is_accepted_as_given(string option, string name)
    {
        _tcl.Eval($"name_it -{option} {{{name}}}");
        Assert.Equal(name, _seen!.Text(option));
    }

    [Theory]
    [InlineData("my board")]
    [InlineData("board-2")]
    [InlineData("board.v2")]
    [InlineData("a/b")]
    [InlineData("Größe")]
    [InlineData("")]
    [InlineData("Long_name_Long_name_Long_name_Long_name_Long_name_Long_name_fivex")] // 65 characters
    public void Any_other_entry_name_is_refused_naming_the_option_the_value_and_the_rule(string name)
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval($"name_it -entry {{{name}}}"));
        Assert.Equal($"entry: Invalid argument value: '{name}' (expecting 1 to 64 letters, digits and '_').", error.Message);
        Assert.Equal(["SPPS", "BADVALUE", "-entry", name], error.ErrorCode);
    }

    [Theory]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("my keys.ks")]
    [InlineData("keys/production.ks")]
    [InlineData("C:\\out\\m")]
    [InlineData("..")]
    [InlineData("")]
    public void Any_other_file_name_is_refused_naming_the_option_the_value_and_the_rule(string name)
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval($"name_it -file {{{name}}}"));
        Assert.Equal(
            $"file: Invalid argument value: '{name}' (expecting a name of at most 100 letters, digits, '_', '-' and '.', starting with a letter, digit or '_').",
            error.Message);
    }

    [Theory]
    [InlineData("-save TRUE", "save", true)]
    [InlineData("-save true", "save", true)]
    [InlineData("-save True", "save", true)]
    [InlineData("-save 1", "save", true)]
    [InlineData("-save fAlSe", "save", false)]
    [InlineData("-save 0", "save", false)]
    [InlineData("-overwrite YES", "overwrite", true)]
    [InlineData("-overwrite yes", "overwrite", true)]
    [InlineData("-overwrite No", "overwrite", false)]
    [InlineData("-overwrite True", "overwrite", true)]
    [InlineData("-quick True", "quick", true)]
    [InlineData("-quick false", "quick", false)]
    public void Boolean_and_yes_no_words_are_accepted_in_any_letter_case_and_read_canonically(string words, string option, bool expected)
    {
        _tcl.Eval("name_it " + words);
        Assert.Equal(expected, _seen!.IsTrue(option));
        Assert.Equal(expected ? "TRUE" : "FALSE", _seen.Text(option));
    }

    [Theory]
    [InlineData("-save yes", "save: Invalid argument value: 'yes' (expecting TRUE, FALSE, 1 or 0, in any letter case).")]
    [InlineData("-save 2", "save: Invalid argument value: '2' (expecting TRUE, FALSE, 1 or 0, in any letter case).")]
    [InlineData("-overwrite maybe", "overwrite: Invalid argument value: 'maybe' (expecting YES, NO, TRUE, FALSE, 1 or 0, in any letter case).")]
    public void Other_words_are_refused_saying_that_any_case_is_accepted(string words, string message) =>
        Assert.Equal(message, Assert.Throws<TclErrorException>(() => _tcl.Eval("name_it " + words)).Message);

    [Theory]
    [InlineData("fpexpress")]
    [InlineData("FPEXPRESS")]
    [InlineData("FPExpress")]
    public void A_choice_is_accepted_in_any_letter_case_and_read_in_its_canonical_spelling(string value)
    {
        _tcl.Eval("name_it -mode " + value);
        Assert.Equal("FPExpress", _seen!.Text("mode"));
    }
}
