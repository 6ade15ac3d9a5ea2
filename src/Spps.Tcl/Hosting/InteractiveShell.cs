using System.Text;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting.LineEditing;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The prompt a user types into: reads lines until they form a complete command (as <c>info complete</c> decides),
/// runs it, prints its result (unless the command already printed it as its report), and reports an error without leaving. End of input or <c>exit</c> ends it.
/// Ctrl-C at the prompt drops what was typed of the command. Each command run is added to Tcl's <c>history</c>, redacted, as tclsh does.
/// </summary>
internal static class InteractiveShell
{
    private const string ContinuationPrompt = "> ";

    /// <param name="programName">Names the prompt (<c>jobmanager&gt; </c>).</param>
    /// <param name="commands">Takes secrets out of an error message before it is shown (<see cref="CommandRegistry.Redact"/>), and knows
    /// which result a report already showed (<see cref="CommandRegistry.ShownResult"/>).</param>
    /// <param name="input">The line editor on a terminal, plain lines from a pipe (<see cref="ShellInput"/>).</param>
    /// <param name="journal">Gets each entry once it has run (<see cref="SessionJournal.EntryRan"/>), when the session has a journal.</param>
    public static void Run(TclInterpreter interpreter, string programName, string banner, CommandRegistry commands, IShellInput input, SessionJournal? journal)
    {
        var prompt = programName + "> ";
        interpreter.Write(TclChannel.Stdout, banner + "\n");
        var pending = new StringBuilder();
        while (true)
        {
            var line = input.ReadLine(pending.Length == 0 ? prompt : ContinuationPrompt);
            if (line.Kind == ShellLineKind.EndOfInput)
            {
                return;
            }

            if (line.Kind == ShellLineKind.Interrupted)
            {
                pending.Clear();
                continue;
            }

            pending.Append(line.Text).Append('\n');
            var script = pending.ToString();
            if (!interpreter.IsComplete(script))
            {
                continue;
            }

            pending.Clear();
            try
            {
                commands.ForgetShownResult();
                string result;
                using (commands.Cancellation.Running()) // Ctrl-C cancels this line's commands, and the prompt returns
                {
                    result = interpreter.Eval(script);
                }

                if (result.Length > 0 && result != commands.ShownResult)
                {
                    interpreter.Write(TclChannel.Stdout, result + "\n");
                }

                journal?.EntryRan(script);
            }
            catch (TclErrorException error)
            {
                interpreter.Write(TclChannel.Stderr, $"Error: {commands.Redact(error.Message)}\n");
                journal?.EntryFailed(script, error.Message);
            }

            Remember(interpreter, commands, input, script.TrimEnd('\n'));
            if (commands.Cancellation.EndsRun)
            {
                return; // SIGTERM or a closed terminal: the run ends the normal way
            }
        }
    }

    // After the command ran, so that the secrets it was given are known to the redactor (CommandRegistry.Redact).
    private static void Remember(TclInterpreter interpreter, CommandRegistry commands, IShellInput input, string typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return;
        }

        var redacted = commands.RedactCommandText(typed);
        input.Ran(typed, redacted);
        try
        {
            interpreter.Invoke("history", "add", redacted);
        }
        catch (TclErrorException error)
        {
            // A script may have replaced Tcl's history command; the shell goes on without it.
            interpreter.Write(TclChannel.Stderr, $"Warning: Tcl's history did not take the command: {commands.Redact(error.Message)}\n");
        }
    }
}
