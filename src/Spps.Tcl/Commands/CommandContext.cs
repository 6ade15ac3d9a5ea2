using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// What a handler may use besides its options: output that keeps its place among <c>puts</c>, Tcl lists, and for long
/// work the cancellation and progress sink it hands to its services.
/// </summary>
public sealed class CommandContext
{
    private readonly Action<TclChannel, string> _emit;

    internal CommandContext(TclInterpreter interpreter, Action<TclChannel, string> emit, bool quiet = false,
        CancellationToken cancellation = default, IProgress<WorkStep>? progress = null)
    {
        Interpreter = interpreter;
        _emit = emit;
        Quiet = quiet;
        Cancellation = cancellation;
        Progress = progress ?? WorkStep.Unseen;
    }

    public TclInterpreter Interpreter { get; }

    /// <summary>Cancelled when the user interrupts the command (<see cref="CommandCancellation"/>): services check it between whole steps.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Where services report the steps of long work; shown on an interactive terminal only.</summary>
    public IProgress<WorkStep> Progress { get; }

    /// <summary>The call has <c>-quiet</c>: <see cref="Print"/> and <see cref="Info"/> print nothing; warnings still show.</summary>
    public bool Quiet { get; }

    /// <summary>The command printed a report (with <see cref="Print"/>), so its result need not be echoed again at the prompt.</summary>
    internal bool PrintedReport { get; private set; }

    /// <summary>Prints text to standard output, ending it with a newline: the command's report (a table, a listing).</summary>
    public void Print(string text)
    {
        if (!Quiet)
        {
            PrintedReport = true;
            _emit(TclChannel.Stdout, text);
        }
    }

    /// <summary>Prints an <c>Info:</c> line to standard output.</summary>
    public void Info(string message)
    {
        if (!Quiet)
        {
            _emit(TclChannel.Stdout, "Info: " + message);
        }
    }

    /// <summary>Prints a <c>Warning:</c> line to standard error, so it never mixes into data a script reads from stdout. <c>-quiet</c> keeps it.</summary>
    public void Warning(string message) => _emit(TclChannel.Stderr, "Warning: " + message);

    /// <summary>Formats elements as a Tcl list, for results scripts will take apart.</summary>
    public string List(IEnumerable<string> elements) => Interpreter.MergeList(elements);
}
