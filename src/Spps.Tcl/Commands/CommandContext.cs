namespace Spps.Tcl.Commands;

/// <summary>What a handler may use besides its options: output that keeps its place among <c>puts</c>, and Tcl lists.</summary>
public sealed class CommandContext
{
    private readonly Action<TclChannel, string> _emit;

    internal CommandContext(TclInterpreter interpreter, Action<TclChannel, string> emit)
    {
        Interpreter = interpreter;
        _emit = emit;
    }

    public TclInterpreter Interpreter { get; }

    /// <summary>Prints text to standard output, ending it with a newline.</summary>
    public void Print(string text) => _emit(TclChannel.Stdout, text);

    /// <summary>Prints an <c>Info:</c> line to standard output.</summary>
    public void Info(string message) => _emit(TclChannel.Stdout, "Info: " + message);

    /// <summary>Prints a <c>Warning:</c> line to standard error, so it never mixes into data a script reads from stdout.</summary>
    public void Warning(string message) => _emit(TclChannel.Stderr, "Warning: " + message);

    /// <summary>Formats elements as a Tcl list, for results scripts will take apart.</summary>
    public string List(IEnumerable<string> elements) => Interpreter.MergeList(elements);
}
