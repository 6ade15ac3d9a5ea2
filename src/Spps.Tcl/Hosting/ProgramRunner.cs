using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spps.Formats.CommandLines;
using Spps.Formats.Files;
using Spps.Tcl.Commands;
using Spps.Tcl.Hosting.LineEditing;
using Spps.Tcl.Native;

namespace Spps.Tcl.Hosting;

/// <summary>
/// The runner every program with a Tcl shell shares: the invocation forms (Libero's <c>SCRIPT:</c>/<c>SCRIPT_ARGS:</c>/
/// <c>LOGFILE:</c>, a script path, <c>-c</c>, standard input, the interactive shell), the script's arguments, the
/// command log, the clock of exported files, and the exit codes: 0 success, 1 an uncaught Tcl error, N for
/// <c>exit N</c>, 2 when the program's own arguments are wrong, Tcl cannot be loaded or <c>SOURCE_DATE_EPOCH</c> is
/// malformed, 3 when a run that would end with 0 discarded unsaved work, 128 + the signal when SIGINT, SIGTERM or
/// SIGHUP cancelled the running script (<see cref="RunInterruption"/>).
/// </summary>
public static class ProgramRunner
{
    private const int UsageErrorExit = 2;
    private const int ScriptErrorExit = 1;
    private const int UnsavedChangesExit = 3;

    public static int Run(string[] args, ProgramDefinition program)
    {
        Invocation invocation;
        try
        {
            invocation = Invocation.Parse(args, standardInputIsTerminal: !Console.IsInputRedirected, program.Name);
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine($"{program.Name}: {error.Message}");
            return UsageErrorExit;
        }

        switch (invocation.Mode)
        {
            case RunMode.Help:
                Console.Out.WriteLine(Usage(program));
                return 0;
            case RunMode.Version:
                Console.Out.WriteLine($"{program.Name} {program.Version}");
                return 0;
            case RunMode.Script when !File.Exists(invocation.ScriptPath):
                Console.Error.WriteLine($"{program.Name}: the script file '{invocation.ScriptPath}' " +
                                        (Directory.Exists(invocation.ScriptPath) ? "is a folder; expecting a Tcl script file." : "does not exist."));
                return UsageErrorExit;
        }

        using var interruption = new RunInterruption(); // Ctrl-C or SIGTERM in an export leaves no temporary file
        try
        {
            return Run(invocation, program, interruption);
        }
        catch (Exception error) when (error is UsageException or TclUnavailableException or SourceDateEpochException)
        {
            Console.Error.WriteLine($"{program.Name}: {error.Message}");
            return UsageErrorExit;
        }
    }

    private static string Usage(ProgramDefinition program) =>
        $"""
        Usage:
          {program.Name} [JOURNAL] SCRIPT:flow.tcl [SCRIPT_ARGS:"a b"] [LOGFILE:run.log]
          {program.Name} [JOURNAL] flow.tcl [arg ...] [LOGFILE:run.log]
          {program.Name} [JOURNAL] -c "command; command" [arg ...] [LOGFILE:run.log]
          {program.Name} [JOURNAL] [-i] [LOGFILE:run.log]      (script from standard input; interactive on a terminal or with -i)
          {program.Name} --version | --help

        {program.Summary} Type 'help' inside a script or the shell for the commands.
        JOURNAL, before the script or -c: -journal FILE or -nojournal. Each session writes a journal, a Tcl script
        that replays its commands, beside the LOGFILE (run.jou), else to {program.Name}.jou in the settings folder
        (the previous one kept as {program.Name}.backup.jou).
        Exit code: 0 success, 1 uncaught Tcl error, N for 'exit N', 2 usage error, Tcl missing or a malformed
        SOURCE_DATE_EPOCH, 3 the run ended (with 0) while a project had unsaved changes, which were discarded.
        Environment: {program.HomeVariable} (settings folder), {TclLibraryLocator.EnvironmentVariable} (Tcl library file to load),
        SOURCE_DATE_EPOCH (seconds since 1970, UTC: the time written into exported files, for reproducible output).
        """;

    private static int Run(Invocation invocation, ProgramDefinition program, RunInterruption interruption)
    {
        var environment = new ShellEnvironment(program.HomeFolder, OutputClock.FromEnvironment()); // a malformed value is refused before the log or Tcl starts
        var clock = Stopwatch.StartNew();
        using var log = invocation.LogFile is { } logPath ? CommandLog.Open(logPath) : null;
        var interpreter = TclInterpreter.Create();
        int exitCode;
        try
        {
            var scriptArguments = invocation.ScriptArgumentList is { } list ? SplitScriptArguments(interpreter, list) : invocation.ScriptArguments;
            SetArgumentVariables(interpreter, invocation, scriptArguments, program.Name);
            var session = KeyLikeText.Redact(Describe(invocation, scriptArguments, program)); // a script argument may be a key
            log?.Started(session);
            using (var shell = program.InstallShell(interpreter, environment))
            {
                if (log is not null)
                {
                    shell.Commands.AddObserver(log);
                }

                using var journal = SessionJournal.Start(JournalLocation.For(invocation, program.Name, program.HomeFolder), program, session, invocation.LogFile,
                    asEntered: invocation.Mode == RunMode.Interactive, shell.Commands, shell.Commands.OutputContext(interpreter).Warning);

                if (invocation.Mode == RunMode.Interactive)
                {
                    shell.GuardInteractiveExit();
                }

                shell.Commands.ProgressDisplay = TerminalProgress.ForThisTerminal();
                interruption.Watch(shell.Commands.Cancellation, invocation.Mode == RunMode.Interactive);
                exitCode = Execute(interpreter, invocation, program, log, shell, journal);
                if (shell.Commands.Cancellation is { EndsRun: true, Signal: { } signal })
                {
                    exitCode = RunInterruption.ExitCode(signal);
                    interpreter.Write(TclChannel.Stderr, $"Interrupted by {signal}: the run ends here (exit code {exitCode}).\n");
                    log?.Interrupted(signal.ToString());
                }

                if (shell.EndRun() && exitCode == 0)
                {
                    exitCode = UnsavedChangesExit; // a run that lost work must not look like a success
                }
            }

            interpreter.Flush();
        }
        finally
        {
            interpreter.Dispose();
            TclRuntime.Shutdown(); // flushes what the script wrote last, e.g. with puts -nonewline
        }

        log?.Finished(exitCode, clock.Elapsed);
        return exitCode;
    }

    private static int Execute(TclInterpreter interpreter, Invocation invocation, ProgramDefinition program, CommandLog? log, IProgramShell shell,
        SessionJournal? journal)
    {
        var commands = shell.Commands;
        try
        {
            switch (invocation.Mode)
            {
                case RunMode.Script:
                    using (commands.Cancellation.Running())
                    {
                        interpreter.SourceFile(invocation.ScriptPath!);
                    }

                    break;
                case RunMode.Command:
                    using (commands.Cancellation.Running())
                    {
                        interpreter.Eval(invocation.CommandText!);
                    }

                    break;
                case RunMode.StandardInput:
                    var script = ReadStandardInput(); // a signal while it is read ends the program at once
                    using (commands.Cancellation.Running())
                    {
                        interpreter.Eval(script);
                    }

                    break;
                case RunMode.Interactive:
                    using (var input = ShellInput.Open(interpreter, shell, program.HomeFolder))
                    {
                        InteractiveShell.Run(interpreter, program.Name,
                            $"{program.ProductName} {program.Version} on Tcl {interpreter.PatchLevel}. Type 'help' for the commands, 'exit' to leave.", commands, input, journal);
                    }

                    break;
            }

            return 0;
        }
        catch (TclExitException exit)
        {
            return exit.ExitCode;
        }
        catch (TclErrorException error)
        {
            // The trace quotes the failing command line, which may hold key values: redact before it is shown or logged.
            var trace = commands.RedactCommandText(error.ErrorInfo);
            interpreter.Write(TclChannel.Stderr, $"Error: {commands.Redact(error.Message)}\n{trace}\n");
            log?.UncaughtError(commands.Redact(error.Message), trace);
            return ScriptErrorExit;
        }
    }

    private static IReadOnlyList<string> SplitScriptArguments(TclInterpreter interpreter, string list)
    {
        try
        {
            return interpreter.SplitList(list);
        }
        catch (TclErrorException error)
        {
            throw new UsageException($"SCRIPT_ARGS:{list} is not a well-formed Tcl list: {error.Message}.");
        }
    }

    private static void SetArgumentVariables(TclInterpreter interpreter, Invocation invocation, IReadOnlyList<string> scriptArguments, string programName)
    {
        interpreter.SetVariable("argv0", invocation.ScriptPath ?? programName);
        interpreter.SetVariable("argv", interpreter.MergeList(scriptArguments));
        interpreter.SetVariable("argc", scriptArguments.Count.ToString(CultureInfo.InvariantCulture));
        interpreter.SetVariable("tcl_interactive", invocation.Mode == RunMode.Interactive ? "1" : "0");
    }

    private static string ReadStandardInput()
    {
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        return input.ReadToEnd();
    }

    private static string Describe(Invocation invocation, IReadOnlyList<string> scriptArguments, ProgramDefinition program)
    {
        var what = invocation.Mode switch
        {
            RunMode.Script => $"script '{invocation.ScriptPath}'",
            RunMode.Command => "commands given with -c",
            RunMode.StandardInput => "script from standard input",
            _ => "interactive shell",
        };
        return $"{program.Name} {program.Version}: {what}, {scriptArguments.Count} argument(s) [{string.Join(' ', scriptArguments)}]";
    }
}
