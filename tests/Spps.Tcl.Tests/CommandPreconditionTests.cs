using Spps.Devices;
using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

/// <summary>What a command declares it needs is checked by the framework, after its options and before its handler, and shown by help.</summary>
public sealed class CommandPreconditionTests : IDisposable
{
    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly CommandSpec _paint;
    private bool _open;
    private int _runs;

    public CommandPreconditionTests()
    {
        var registry = new CommandRegistry();
        var needsOpen = new CommandPrecondition("an open easel", () => _open ? null : new DomainException("No easel is open. Use open_easel first.", "NOEASEL"));
        _paint = new CommandSpec("paint", "Art", "Paints something.", [OptionSpec.Text("colour", "name", "The colour.", required: true)], (_, _) =>
        {
            _runs++;
            return "painted";
        }).Needing(needsOpen);
        registry.Add([_paint]);
        registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Fact]
    public void A_command_whose_precondition_does_not_hold_is_refused_with_its_message_and_code_and_does_not_run()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("paint -colour red"));
        Assert.Equal("No easel is open. Use open_easel first.", error.Message);
        Assert.Equal(["SPPS", "NOEASEL"], error.ErrorCode);
        Assert.Equal(0, _runs);
        _open = true;
        Assert.Equal("painted", _tcl.Eval("paint -colour red"));
    }

    [Fact]
    public void Options_are_checked_first_and_help_works_whatever_the_state()
    {
        Assert.Contains("Required parameter 'colour' is missing.", Assert.Throws<TclErrorException>(() => _tcl.Eval("paint")).Message, StringComparison.Ordinal);
        Assert.Contains("\nNeeds: an open easel.\n", HelpFormatter.CommandHelp(_paint), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _tcl.Eval("paint -help"));
        Assert.Equal(0, _runs);
    }
}
