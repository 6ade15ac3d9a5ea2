using System.Globalization;
using System.Text;
using Spps.Devices;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting.LineEditing;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The progress bar of long work, drawn on one line of an interactive terminal's standard error and redrawn in place
/// (at most ten times a second), taken off before a command prints and when it ends; an operation that took a second or
/// more then says so in an <c>Info:</c> line there. Nothing is drawn unless standard error is a terminal, <c>TERM</c> is
/// not <c>dumb</c> and <c>NO_COLOR</c> is unset, so pipes, logs and the LOGFILE never see it.
/// </summary>
internal sealed class TerminalProgress(TextWriter terminal, TimeProvider clock, Func<int> width) : IProgressDisplay
{
    private const int BarCells = 20;
    private static readonly TimeSpan _redrawEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan _worthSaying = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private string? _operation;
    private long _started;
    private long _drawn;
    private bool _shown;

    /// <summary>The display for this process's terminal, or null when progress must not be drawn.</summary>
    public static TerminalProgress? ForThisTerminal()
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        if (Console.IsErrorRedirected || string.Equals(term, "dumb", StringComparison.Ordinal) || Environment.GetEnvironmentVariable("NO_COLOR") is not null)
        {
            return null;
        }

        return new TerminalProgress(Console.Error, TimeProvider.System, ConsoleTerminal.CurrentWidth);
    }

    public void Report(WorkStep value)
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            if (_operation is null)
            {
                _started = now;
            }

            _operation = value.Operation;
            if (_shown && clock.GetElapsedTime(_drawn, now) < _redrawEvery && value.Done < value.Total)
            {
                return;
            }

            _drawn = now;
            _shown = true;
            terminal.Write("\r" + Fit(Line(value)) + "\u001b[K");
            terminal.Flush();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            if (_shown)
            {
                terminal.Write("\r\u001b[K");
                terminal.Flush();
                _shown = false;
            }
        }
    }

    public void Finish(bool sayHowLong)
    {
        Clear();
        lock (_lock)
        {
            if (sayHowLong && _operation is { } operation && clock.GetElapsedTime(_started) is var took && took >= _worthSaying)
            {
                terminal.Write($"Info: {operation} took {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s\n");
                terminal.Flush();
            }

            _operation = null;
        }
    }

    private static string Line(WorkStep step)
    {
        var filled = step.Total <= 0 ? 0 : Math.Clamp(step.Done * BarCells / step.Total, 0, BarCells);
        var bar = new StringBuilder().Append('[').Append('#', filled).Append('-', BarCells - filled).Append(']');
        return $"{step.Operation} {bar} {step.Done}/{step.Total} {step.Item}";
    }

    private string Fit(string line)
    {
        var columns = Math.Max(width() - 1, 20); // the last column would wrap the line on some terminals
        return line.Length <= columns ? line : line[..columns];
    }
}
