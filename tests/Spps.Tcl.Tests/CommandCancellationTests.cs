using System.Runtime.InteropServices;
using Spps.Devices;
using Spps.Tcl.Commands;

namespace Spps.Tcl.Tests;

/// <summary>
/// The framework's one cancellation: a command whose work is cancelled between two steps ends with SPPS CANCELLED,
/// no later command of that work runs, and the next unit of work (the next line at the prompt) runs again.
/// </summary>
public sealed class CommandCancellationTests : IDisposable
{
    private readonly TclInterpreter _tcl = TclInterpreter.Create();
    private readonly CommandRegistry _registry = new();
    private readonly RecordingDisplay _display = new();
    private readonly List<string> _stepsRun = [];
    private bool _cancelAfterTwo;

    public CommandCancellationTests()
    {
        _registry.Add(
        [
            new CommandSpec("export_things", "Art", "Exports three things, one step each.", [], (context, _) =>
            {
                var steps = new WorkSteps("Exporting things", context.Cancellation, context.Progress) { Total = 3 };
                foreach (var thing in new[] { "one", "two", "three" })
                {
                    steps.Next(thing);
                    _stepsRun.Add(thing);
                    if (thing == "one")
                    {
                        context.Print("first done");
                    }

                    if (thing == "two" && _cancelAfterTwo)
                    {
                        _registry.Cancellation.TryCancel(PosixSignal.SIGINT, endsRun: false); // Ctrl-C while the second step runs
                    }
                }

                return "exported";
            }),
            new CommandSpec("keep_things", "Art", "Is cancelled after its first step, saying what stays.", [], (context, _) =>
            {
                _registry.Cancellation.TryCancel(PosixSignal.SIGINT, endsRun: false);
                throw new StepsKeptException("the first thing stays.", context.Cancellation);
            }),
        ]);
        _registry.ProgressDisplay = _display;
        _registry.InstallInto(_tcl);
    }

    public void Dispose() => _tcl.Dispose();

    [Fact]
    public void A_command_cancelled_between_steps_stops_there_with_a_clear_error_and_the_next_line_runs_again()
    {
        _cancelAfterTwo = true;
        using (_registry.Cancellation.Running())
        {
            var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("export_things; set after 1"));
            Assert.Equal("export_things was cancelled (Ctrl-C); nothing was written.", error.Message);
            Assert.Equal(["SPPS", "CANCELLED"], error.ErrorCode);
            Assert.Equal(["one", "two"], _stepsRun);

            // A script that catches the error cannot carry on with another command of the same work.
            var again = Assert.Throws<TclErrorException>(() => _tcl.Eval("catch export_things; export_things"));
            Assert.Equal(["SPPS", "CANCELLED"], again.ErrorCode);
            Assert.Equal(["one", "two"], _stepsRun);
        }

        Assert.False(_registry.Cancellation.EndsRun);
        _cancelAfterTwo = false;
        using (_registry.Cancellation.Running())
        {
            Assert.Equal("exported", _tcl.Eval("export_things"));
        }

        Assert.Equal(["one", "two", "one", "two", "three"], _stepsRun);
    }

    [Fact]
    public void A_signal_when_no_work_runs_is_left_to_end_the_program()
    {
        Assert.False(_registry.Cancellation.TryCancel(PosixSignal.SIGINT, endsRun: false));
        using (_registry.Cancellation.Running())
        {
            Assert.True(_registry.Cancellation.TryCancel(PosixSignal.SIGTERM, endsRun: true));
            Assert.False(_registry.Cancellation.TryCancel(PosixSignal.SIGTERM, endsRun: true)); // a second one: the way out of work that does not stop
        }

        Assert.True(_registry.Cancellation.EndsRun);
        Assert.Equal(PosixSignal.SIGTERM, _registry.Cancellation.Signal);
    }

    [Fact]
    public void A_signal_deferred_during_unbroken_work_ends_the_run_after_it_once_and_a_further_one_is_not_deferred()
    {
        Assert.False(_registry.Cancellation.TryEndRunAfterWork()); // nothing runs
        using (_registry.Cancellation.Running())
        {
            Assert.False(_registry.Cancellation.TryEndRunAfterWork()); // nothing cancelled yet: the first signal cancels
            Assert.True(_registry.Cancellation.TryCancel(PosixSignal.SIGINT, endsRun: false)); // Ctrl-C at the shell
            Assert.False(_registry.Cancellation.EndsRun);

            Assert.True(_registry.Cancellation.TryEndRunAfterWork()); // the second, during a device step
            Assert.True(_registry.Cancellation.EndsRun);
            Assert.False(_registry.Cancellation.TryEndRunAfterWork()); // a third ends the program at once
        }
    }

    [Fact]
    public void A_service_that_keeps_finished_steps_says_what_stays()
    {
        using (_registry.Cancellation.Running())
        {
            var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("keep_things"));
            Assert.Equal("keep_things was cancelled (Ctrl-C); the first thing stays.", error.Message);
            Assert.Equal(["SPPS", "CANCELLED"], error.ErrorCode);
        }
    }

    [Fact]
    public void Progress_is_reported_in_order_cleared_before_each_printed_line_and_finished_with_the_command()
    {
        using (_registry.Cancellation.Running())
        {
            _tcl.Eval("export_things");
        }

        Assert.Equal(
        [
            "step Exporting things: one 0/3", "clear", "step Exporting things: two 1/3", "step Exporting things: three 2/3", "finish",
        ], _display.Events);
    }

    private sealed class RecordingDisplay : IProgressDisplay
    {
        public List<string> Events { get; } = [];

        public void Report(WorkStep value) => Events.Add($"step {value.Operation}: {value.Item} {value.Done}/{value.Total}");

        public void Clear() => Events.Add("clear");

        public void Finish(bool sayHowLong) => Events.Add("finish");
    }
}
