using System.Text;

namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>Lines read as they come, for input from a pipe or file (<c>-i</c>): the prompt is written, nothing is edited or kept.</summary>
internal sealed class PlainInput(TclInterpreter interpreter) : IShellInput
{
    private readonly StreamReader _input = new(Console.OpenStandardInput(), new UTF8Encoding(false));

    public ShellLine ReadLine(string prompt)
    {
        interpreter.Write(TclChannel.Stdout, prompt);
        interpreter.Flush();
        if (_input.ReadLine() is { } line)
        {
            return ShellLine.Of(line);
        }

        interpreter.Write(TclChannel.Stdout, "\n"); // ends the prompt's line
        return ShellLine.EndOfInput;
    }

    /// <summary>Keeps nothing: lines from a pipe are a script's, not commands a user would recall.</summary>
    public void Ran(string typed, string redacted)
    {
    }

    public void Dispose() => _input.Dispose();
}
