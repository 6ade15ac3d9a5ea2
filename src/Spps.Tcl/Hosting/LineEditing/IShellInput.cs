namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>Where the interactive shell's lines come from: the line editor on a terminal, or plain lines from a pipe.</summary>
internal interface IShellInput : IDisposable
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line.</summary>
    ShellLine ReadLine(string prompt);

    /// <summary>
    /// A complete command was run: <paramref name="typed"/> as the user typed it, <paramref name="redacted"/> with its
    /// secrets replaced (<see cref="Commands.CommandRegistry.Redact"/>), the only form that may leave the process.
    /// </summary>
    void Ran(string typed, string redacted);
}
