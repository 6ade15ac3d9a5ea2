using System.Text;
using Spps.Tcl.Commands;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The prompt a user types into: reads lines until they form a complete command (as <c>info complete</c> decides),
/// runs it, prints its result (unless the command already printed it as its report), and reports an error without leaving. End of input or <c>exit</c> ends it.
/// </summary>
internal static class InteractiveShell
{
    private const string ContinuationPrompt = "> ";

    /// <param name="programName">Names the prompt (<c>jobmanager&gt; </c>).</param>
    /// <param name="commands">Takes secrets out of an error message before it is shown (<see cref="CommandRegistry.Redact"/>), and knows
    /// which result a report already showed (<see cref="CommandRegistry.ShownResult"/>).</param>
    /// <param name="journal">Gets each entry once it has run (<see cref="SessionJournal.EntryRan"/>), when the session has a journal.</param>
    public static void Run(TclInterpreter interpreter, string programName, string banner, CommandRegistry commands, SessionJournal? journal)
    {
        var prompt = programName + "> ";
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        interpreter.Write(TclChannel.Stdout, banner + "\n");
        var pending = new StringBuilder();
        while (true)
        {
            interpreter.Write(TclChannel.Stdout, pending.Length == 0 ? prompt : ContinuationPrompt);
            interpreter.Flush();
            var line = input.ReadLine();
            if (line is null)
            {
                interpreter.Write(TclChannel.Stdout, "\n");
                return;
            }

            pending.Append(line).Append('\n');
            var script = pending.ToString();
            if (!interpreter.IsComplete(script))
            {
                continue;
            }

            pending.Clear();
            try
            {
                commands.ForgetShownResult();
                var result = interpreter.Eval(script);
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
        }
    }
}
