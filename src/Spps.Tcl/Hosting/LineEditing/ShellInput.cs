namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>Chooses where the interactive shell reads from.</summary>
internal static class ShellInput
{
    /// <summary>
    /// The line editor when standard input and output are both a terminal (<see cref="ConsoleTerminal.IsAvailable"/>);
    /// plain lines otherwise, so piped and scripted input (<c>-i</c> fed by a pipe) reads exactly as it always has.
    /// </summary>
    public static IShellInput Open(TclInterpreter interpreter, IProgramShell shell, string homeFolder) =>
        ConsoleTerminal.IsAvailable ? TerminalInput.Open(interpreter, shell, homeFolder) : new PlainInput(interpreter);
}
