using Spps.Tcl.Commands;
using Spps.Tcl.Hosting.LineEditing;

namespace Spps.Tcl.Tests.LineEditing;

public sealed class CompleterTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Completer _completer;

    public CompleterTests()
    {
        var registry = new CommandRegistry();
        registry.Add(
        [
            new CommandSpec("init_bitstream", "Data", "Defines a bitstream.",
            [
                OptionSpec.EntryName("data_name", "name", "The Programming Data."), // declared as the programs declare it
                OptionSpec.Choice("bitstream_type", ["MASTER", "UPDATE"], "The type."),
                OptionSpec.Path("location", "folder", "Where it goes."),
                OptionSpec.Boolean("save", "Save it."),
                OptionSpec.YesNo("overwrite", "Overwrite."),
                OptionSpec.Flag("quick", "Be quick."),
            ], (_, _) => string.Empty),
            new CommandSpec("init_keyset", "Keys", "Makes a keyset.", [], (_, _) => string.Empty),
        ]);
        File.WriteAllText(_folder.Combine("flow.tcl"), string.Empty);
        File.WriteAllText(_folder.Combine("my file.tcl"), string.Empty);
        File.WriteAllText(_folder.Combine(".hidden"), string.Empty);
        Directory.CreateDirectory(_folder.Combine("fpga"));
        File.WriteAllText(_folder.Combine("fpga", "top.dat"), string.Empty);
        _completer = new Completer(registry, () => ["puts", "proc", "parray", "set", "source"],
            (command, option) => (command, option) == ("init_bitstream", "data_name") ? ["Design_A", "Design_B", "Other"] : [],
            () => _folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_project_that_cannot_be_read_now_offers_nothing_and_does_not_end_the_shell()
    {
        var registry = new CommandRegistry();
        registry.Add([new CommandSpec("report", "Data", "Reports.", [OptionSpec.EntryName("data_name", "name", "The data.")], (_, _) => string.Empty)]);
        var completer = new Completer(registry, () => [], (_, _) => throw new Spps.Devices.DomainException("The project file is damaged.", "SPPS", "BADPROJECT"), () => _folder.Path);
        Assert.Empty(completer.Complete("report -data_name D", 19).Candidates);
    }

    [Theory]
    [InlineData("init_b", "init_bitstream")]
    [InlineData("init_", "init_bitstream init_keyset")]
    [InlineData("p", "parray proc puts")]
    [InlineData("set x 1; pu", "puts")]
    [InlineData("puts [init_k", "init_keyset")]
    [InlineData("init_bitstream -bit", "-bitstream_type")]
    [InlineData("init_bitstream -", "-bitstream_type -data_name -location -overwrite -quick -quiet -save")]
    [InlineData("init_bitstream -quick -s", "-save")]
    [InlineData("init_bitstream -bitstream_type M", "MASTER")]
    [InlineData("init_bitstream -bitstream_type m", "MASTER")]
    [InlineData("init_bitstream -bitstream_type ", "MASTER UPDATE")]
    [InlineData("init_bitstream -save t", "TRUE")]
    [InlineData("init_bitstream -overwrite ", "NO YES")]
    [InlineData("init_bitstream -data_name Des", "Design_A Design_B")]
    [InlineData("init_bitstream -data_name \"Ot", "Other")]
    [InlineData("init_bitstream -location f", "flow.tcl fpga/")]
    [InlineData("init_bitstream -location fpga/", "fpga/top.dat")]
    [InlineData("init_bitstream -location .", ".hidden")]
    [InlineData("init_bitstream -location my\\ f", "my file.tcl")]
    [InlineData("init_bitstream -location nowhere/", "")]
    [InlineData("init_bitstream -quick ", "")]
    [InlineData("source fl", "flow.tcl")]
    [InlineData("help init_k", "init_keyset")]
    [InlineData("no_such_", "")]
    public void Completes_the_word_before_the_cursor(string line, string expected)
    {
        var completion = _completer.Complete(line, line.Length);
        Assert.Equal(expected, string.Join(' ', completion.Candidates));
    }

    [Fact]
    public void Completes_at_the_cursor_not_at_the_end_of_the_line()
    {
        var completion = _completer.Complete("init_b -save TRUE", "init_b".Length);
        Assert.Equal((0, "init_b", "init_bitstream"), (completion.WordStart, completion.Word, string.Join(' ', completion.Candidates)));
    }

    [Fact]
    public void Gives_where_the_word_starts_after_an_opening_quote()
    {
        var line = "init_bitstream -data_name \"Ot";
        var completion = _completer.Complete(line, line.Length);
        Assert.Equal((line.Length - 2, "Ot", true), (completion.WordStart, completion.Word, completion.Quoted));
    }

    [Theory]
    [InlineData("my file.tcl", false, "my\\ file.tcl")]
    [InlineData("my file.tcl", true, "my file.tcl")]
    [InlineData("a[b]$c", false, "a\\[b\\]\\$c")]
    public void Writes_a_candidate_so_that_Tcl_reads_it_back(string candidate, bool quoted, string written) =>
        Assert.Equal(written, new Completion(0, string.Empty, quoted, [candidate]).Written(candidate));

    [Theory]
    [InlineData("Design_A Design_B", "Des", "Design_")]
    [InlineData("MASTER MASK", "m", "MAS")]
    [InlineData("alpha beta", "", "")]
    public void Finds_the_common_start_of_the_candidates(string candidates, string word, string common) =>
        Assert.Equal(common, new Completion(0, word, false, candidates.Split(' ')).CommonPrefix());
}
