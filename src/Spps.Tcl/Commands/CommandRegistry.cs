using System.Diagnostics;
using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// Collects the command tables of every area and installs them into an interpreter, together with <c>help</c>.
/// Every call goes through one path: parse against the spec, run the handler, report to the observers, and
/// turn any unexpected exception into an <c>Internal error:</c> Tcl error.
/// </summary>
public sealed class CommandRegistry
{
    public const string GeneralArea = "General";
    public const string SecretMark = "<secret>";

    private readonly List<CommandSpec> _commands = [];
    private readonly List<ICommandObserver> _observers = [];
    private readonly SecretRedactor _secrets = new();

    public CommandRegistry()
    {
        _commands.Add(new CommandSpec("help", GeneralArea, "Lists the commands, or describes one command.", [], Help)
        {
            Operand = OptionSpec.Text("command", "command", "The command to describe."),
            Example = "help open_project",
        });
    }

    /// <summary>Every command in declaration order, the General area (help) last.</summary>
    public IReadOnlyList<CommandSpec> Commands =>
        [.. _commands.Where(command => command.Area != GeneralArea), .. _commands.Where(command => command.Area == GeneralArea)];

    /// <summary>Adds an area's table. Command names must be unique across all tables.</summary>
    public void Add(IEnumerable<CommandSpec> table)
    {
        foreach (var command in table)
        {
            if (Find(command.Name) is not null)
            {
                throw new InvalidOperationException($"Command '{command.Name}' is declared twice.");
            }

            _commands.Add(command);
        }
    }

    public void AddObserver(ICommandObserver observer) => _observers.Add(observer);

    /// <summary>The cancellation every command's context carries; the host cancels it on an interruption.</summary>
    public CommandCancellation Cancellation { get; } = new();

    /// <summary>Where the progress of long work is drawn, when the host has a terminal for it; otherwise none is shown.</summary>
    public IProgressDisplay? ProgressDisplay { get; set; }

    public CommandSpec? Find(string name) => _commands.FirstOrDefault(command => command.Name == name);

    /// <summary>
    /// The result of the last command that printed a report and returned it, until <see cref="ForgetShownResult"/>: the
    /// interactive shell does not echo it, since the report already showed the same data.
    /// </summary>
    internal string? ShownResult { get; private set; }

    internal void ForgetShownResult() => ShownResult = null;

    /// <summary>Registers every command and <c>help</c>, and makes an unknown command name suggest the closest ones (<see cref="UnknownCommandHint"/>).</summary>
    public void InstallInto(TclInterpreter interpreter)
    {
        UnknownCommandHint.Install(interpreter);
        foreach (var command in _commands)
        {
            var parser = new OptionParser(command, HelpFormatter.Usage(command), interpreter.SplitList);
            interpreter.RegisterCommand(command.Name, (tcl, _, words) => Invoke(tcl, command, parser, words));
        }
    }

    /// <summary>
    /// Output outside any command (such as a warning at the end of a run): printed where a command's would be, and seen
    /// by the observers.
    /// </summary>
    public CommandContext OutputContext(TclInterpreter interpreter) => OutputContext(interpreter, quiet: false);

    private CommandContext OutputContext(TclInterpreter interpreter, bool quiet) =>
        new(interpreter, (channel, text) => Emit(interpreter, channel, text), quiet, Cancellation.Token, ProgressDisplay);

    /// <summary>
    /// Replaces every secret word given so far in this interpreter (see <see cref="SecretWords"/>), and anything
    /// key-like (<see cref="KeyLikeText"/>), by &lt;secret&gt;, for a message before it is printed or logged (see
    /// <see cref="SecretRedactor.Redact"/>). Text that quotes command lines takes <see cref="RedactCommandText"/>.
    /// </summary>
    public string Redact(string text) => _secrets.Redact(text);

    /// <summary>
    /// <see cref="Redact"/> for text that quotes command lines as written — typed at the prompt, kept in the history file
    /// and the journal, or quoted by Tcl's errorInfo trace: it may hold a secret no command was given (a misspelt
    /// command, an entry that failed before its command ran), so the word after the name of any command's secret
    /// option, in any letter case, is redacted too.
    /// </summary>
    public string RedactCommandText(string text)
    {
        var names = Commands.SelectMany(command => command.Options).Where(option => option.Secret).Select(option => Regex.Escape(option.Name)).Distinct().ToList();
        var redacted = Redact(text);
        return names.Count == 0
            ? redacted
            // A value already redacted is left as it is, so the "..." with which Tcl marks a cut-off trace line stays.
            : Regex.Replace(redacted, $@"(?<=(?:^|[\s\[{{;""])-(?:{string.Join('|', names)})\s+[""{{]?)(?!{SecretMark})[^\s\]{{}};""]+", SecretMark,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private string Invoke(TclInterpreter interpreter, CommandSpec command, OptionParser parser, IReadOnlyList<string> words)
    {
        var redacted = RedactSecretWords(command, words);
        // Only observers need the command line as text; building it costs a Tcl list per call.
        var commandLine = _observers.Count > 0 ? interpreter.MergeList([command.Name, .. redacted]) : command.Name;
        _observers.ForEach(observer => observer.CommandStarted(commandLine));
        var clock = Stopwatch.StartNew();
        var context = OutputContext(interpreter);
        try
        {
            string result;
            if (OptionParser.AsksForHelp(words))
            {
                context.Print(HelpFormatter.CommandHelp(command).TrimEnd('\n'));
                result = string.Empty;
            }
            else
            {
                var options = parser.Parse(words, context.Warning);
                context.Cancellation.ThrowIfCancellationRequested(); // after an interruption no further command of the same work runs
                if (command.Preconditions.Select(precondition => precondition.Problem()).FirstOrDefault(problem => problem is not null) is { } refusal)
                {
                    throw refusal;
                }

                context = OutputContext(interpreter, options.IsTrue(CommonOptions.Quiet.Name));
                result = command.Handler(context, options);
            }

            ShownResult = context.PrintedReport ? result : null;

            // The script gets its result as it is; only what is logged is redacted.
            _observers.ForEach(observer => observer.CommandFinished(commandLine, Redact(result), clock.Elapsed));
            return result;
        }
        catch (TclExitException)
        {
            throw;
        }
        catch (TclCommandException error)
        {
            throw Failed(commandLine, error.Message, error.ErrorCode, clock.Elapsed);
        }
        catch (DomainException error)
        {
            // A service's error (code, message, offending value) becomes the Tcl error a script can catch.
            throw Failed(commandLine, error.Message, error.ErrorCode, clock.Elapsed);
        }
        catch (TclErrorException error)
        {
            throw Failed(commandLine, error.Message, error.ErrorCode, clock.Elapsed);
        }
        catch (OperationCanceledException error) when (context.Cancellation.IsCancellationRequested)
        {
            throw Failed(commandLine, Cancelled(command.Name, error), ["SPPS", "CANCELLED"], clock.Elapsed);
        }
#pragma warning disable CA1031 // A defect in a handler must reach the user as a Tcl error, never end the process.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var type = error.GetType().FullName ?? error.GetType().Name;
            throw Failed(commandLine, $"Internal error: {type}: {error.Message}", ["SPPS", "INTERNAL", type], clock.Elapsed);
        }
        finally
        {
            ProgressDisplay?.Finish(sayHowLong: !context.Quiet);
        }
    }

    // Services stop between whole steps and their files are staged, so a cancelled command wrote nothing, unless its
    // service says what stays (StepsKeptException).
    private string Cancelled(string commandName, OperationCanceledException error)
    {
        var how = Cancellation.Describe() is { } signal ? $" ({signal})" : string.Empty;
        return $"{commandName} was cancelled{how}; " + (error is StepsKeptException ? error.Message : "nothing was written.");
    }

    // The error a script and the observers see: its message and error code may quote a word of the call, so a secret
    // among them is redacted there too.
    private TclCommandException Failed(string commandLine, string message, IReadOnlyList<string> errorCode, TimeSpan duration)
    {
        var error = new TclCommandException(Redact(message), [.. errorCode.Select(Redact)]);
        _observers.ForEach(observer => observer.CommandFailed(commandLine, error.Message, error.ErrorCode, duration));
        return error;
    }

    private string[] RedactSecretWords(CommandSpec command, IReadOnlyList<string> words)
    {
        var secret = SecretWords.Find(command, words);
        var redacted = words.ToArray();
        for (var i = 0; i < redacted.Length; i++)
        {
            if (secret[i])
            {
                _secrets.Remember(redacted[i]);
                redacted[i] = SecretMark;
            }
        }

        return redacted;
    }

    private string Help(CommandContext context, ParsedOptions options)
    {
        if (options.OptionalText("command") is not { } name)
        {
            context.Print(HelpFormatter.CommandList(Commands).TrimEnd('\n'));
            return string.Empty;
        }

        var command = Find(name) ?? throw CommandErrors.UnknownCommand(name, ClosestNames.To(name, _commands.Select(known => known.Name)));
        context.Print(HelpFormatter.CommandHelp(command).TrimEnd('\n'));
        return string.Empty;
    }

    private void Emit(TclInterpreter interpreter, TclChannel channel, string text)
    {
        var shown = Redact(text); // a handler may quote a value the user gave, a key typed to the wrong option among them
        ProgressDisplay?.Clear();
        interpreter.Write(channel, shown + "\n");
        foreach (var line in shown.Split('\n'))
        {
            _observers.ForEach(observer => observer.LinePrinted(channel, line));
        }
    }
}
