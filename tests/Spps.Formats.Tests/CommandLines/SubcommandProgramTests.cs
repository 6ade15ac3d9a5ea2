using Spps.Formats.CommandLines;

namespace Spps.Formats.Tests.CommandLines;

public class SubcommandProgramTests
{
    private const string Usage = "Usage: tool copy --from FILE --to FILE [--force]";

    private readonly List<CommandLine> _ran = [];

    private SubcommandProgram Tool() => new("tool", Usage,
    [
        new("copy", _ran.Add, ["--from", "--to", "--count", "--offset"], ["--force"]),
        new("wait", line => Task.Run(() => _ran.Add(line)), [], []),
    ]);

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = await Tool().RunAsync(args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task The_command_runs_with_its_options_and_switches()
    {
        Assert.Equal((0, string.Empty), await Run("copy", "--to", "b", "--force", "--from", "a"));

        var line = Assert.Single(_ran);
        Assert.Equal(("a", "b", null), (line.Required("--from"), line.Optional("--to"), line.Optional("--count")));
        Assert.True(line.Has("--force"));
        Assert.False(line.Has("--count"));
    }

    [Fact]
    public async Task An_asynchronous_command_is_awaited()
    {
        Assert.Equal(0, (await Run("wait")).Code);
        Assert.Single(_ran);
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "-h", "copy" }, 0)]
    [InlineData(new[] { "help" }, 0)]
    public async Task No_arguments_or_a_request_for_help_print_the_usage_and_run_nothing(string[] args, int code)
    {
        Assert.Equal((code, Usage + Environment.NewLine), await Run(args));
        Assert.Empty(_ran);
    }

    [Theory]
    [InlineData(new[] { "move" }, "unknown command 'move' (expecting copy, wait). Try 'tool --help'.")]
    [InlineData(new[] { "copy", "--form", "a" }, "unknown option '--form' (expecting --from, --to, --count, --offset, --force). Try 'tool --help'.")]
    [InlineData(new[] { "copy", "--from" }, "--from needs a value.")]
    [InlineData(new[] { "copy", "--from", "a", "--from", "b" }, "--from is given more than once.")]
    [InlineData(new[] { "copy", "--force", "--force" }, "--force is given more than once.")]
    public async Task A_wrong_command_or_option_is_refused_naming_it_before_anything_runs(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => Run(args));
        Assert.Equal(message, error.Message);
        Assert.Empty(_ran);
    }

    [Theory]
    [InlineData("--count", "0", "--count '0' is not a positive integer (expecting 1, 2, 3, …).")]
    [InlineData("--count", "+1", "--count '+1' is not a positive integer (expecting 1, 2, 3, …).")]
    [InlineData("--offset", "1.5", "--offset '1.5' is not an integer (expecting a whole number such as 42).")]
    public async Task Typed_reads_name_the_option_and_what_it_accepts(string option, string value, string message)
    {
        await Run("copy", option, value);
        var line = Assert.Single(_ran);
        var error = Assert.Throws<UsageException>(() => option == "--count" ? line.PositiveInteger(option) : line.Integer(option));
        Assert.Equal(message, error.Message);
        Assert.Equal("--from is required.", Assert.Throws<UsageException>(() => line.Required("--from")).Message);
    }

    [Fact]
    public async Task Typed_reads_give_the_value_or_null_when_not_given()
    {
        await Run("copy", "--count", "3", "--offset", "-7");
        var line = Assert.Single(_ran);
        Assert.Equal((3, -7L), (line.PositiveInteger("--count"), line.Integer("--offset")));
        Assert.Null(new CommandLine("tool", [], ["--count"], []).PositiveInteger("--count"));
    }
}
