using Spps.Devices;
using Spps.Tcl.Hosting;
using Spps.Testing;

namespace Spps.Tcl.Tests;

/// <summary>The terminal's progress bar: one line redrawn in place, taken off when done, and the time of a long operation.</summary>
public sealed class TerminalProgressTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);
    private readonly StringWriter _terminal = new();

    [Fact]
    public void Steps_redraw_one_line_which_goes_at_the_end_with_the_time_a_long_operation_took()
    {
        var progress = new TerminalProgress(_terminal, _clock, () => 80);
        progress.Report(new WorkStep("Exporting job 'J'", "target 'A'", 0, 2));
        _clock.Now += TimeSpan.FromSeconds(1.5);
        progress.Report(new WorkStep("Exporting job 'J'", "target 'B'", 1, 2));
        _clock.Now += TimeSpan.FromSeconds(1);
        progress.Finish(sayHowLong: true);

        Assert.Equal(
            "\rExporting job 'J' [--------------------] 0/2 target 'A'\u001b[K" +
            "\rExporting job 'J' [##########----------] 1/2 target 'B'\u001b[K" +
            "\r\u001b[K" +
            "Info: Exporting job 'J' took 2.5 s\n",
            _terminal.ToString());
    }

    [Fact]
    public void Steps_close_together_are_drawn_once_and_a_quick_operation_says_nothing_at_its_end()
    {
        var progress = new TerminalProgress(_terminal, _clock, () => 30);
        progress.Report(new WorkStep("Exporting", "one", 0, 3));
        progress.Report(new WorkStep("Exporting", "two", 1, 3)); // no time passed: not redrawn
        progress.Finish(sayHowLong: true);
        progress.Finish(sayHowLong: true); // a command without steps: nothing to take off

        Assert.Equal("\rExporting [------------------\u001b[K\r\u001b[K", _terminal.ToString()); // cut to the terminal's width less one column
    }

    [Fact]
    public void A_long_operation_of_a_command_with_minus_quiet_takes_its_bar_off_and_says_nothing_more()
    {
        var progress = new TerminalProgress(_terminal, _clock, () => 80);
        progress.Report(new WorkStep("Exporting job 'J'", "target 'A'", 0, 1));
        _clock.Now += TimeSpan.FromSeconds(3);
        progress.Finish(sayHowLong: false);

        Assert.Equal("\rExporting job 'J' [--------------------] 0/1 target 'A'\u001b[K\r\u001b[K", _terminal.ToString());
    }
}
