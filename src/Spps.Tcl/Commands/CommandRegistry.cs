using System.Diagnostics;

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

    /// <summary>The fewest leading characters of a secret that are redacted when Tcl has cut the rest off.</summary>
    public const int ShortestRedactedPrefix = 8;

    private readonly List<CommandSpec> _commands = [];
    private readonly List<ICommandObserver> _observers = [];
    private readonly HashSet<string> _secretsSeen = new(StringComparer.OrdinalIgnoreCase);

    public CommandRegistry()
    {
        _commands.Add(new CommandSpec("help", GeneralArea, "Lists the commands, or describes one command.", [], Help)
        {
            Operand = OptionSpec.Text("command", "command", "The command to describe."),
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

    public CommandSpec? Find(string name) => _commands.FirstOrDefault(command => command.Name == name);

    public void InstallInto(TclInterpreter interpreter)
    {
        foreach (var command in _commands)
        {
            var parser = new OptionParser(command, HelpFormatter.Usage(command), interpreter.SplitList);
            interpreter.RegisterCommand(command.Name, (tcl, _, words) => Invoke(tcl, command, parser, words));
        }
    }

    private string Invoke(TclInterpreter interpreter, CommandSpec command, OptionParser parser, IReadOnlyList<string> words)
    {
        var redacted = RedactSecretOptions(command, words);
        // Only observers need the command line as text; building it costs a Tcl list per call.
        var commandLine = _observers.Count > 0 ? interpreter.MergeList([command.Name, .. redacted]) : command.Name;
        _observers.ForEach(observer => observer.CommandStarted(commandLine));
        var clock = Stopwatch.StartNew();
        var context = new CommandContext(interpreter, (channel, text) => Emit(interpreter, channel, text));
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
                result = command.Handler(context, parser.Parse(words));
            }

            _observers.ForEach(observer => observer.CommandFinished(commandLine, result, clock.Elapsed));
            return result;
        }
        catch (TclExitException)
        {
            throw;
        }
        catch (TclCommandException error)
        {
            _observers.ForEach(observer => observer.CommandFailed(commandLine, error.Message, error.ErrorCode, clock.Elapsed));
            throw;
        }
        catch (TclErrorException error)
        {
            _observers.ForEach(observer => observer.CommandFailed(commandLine, error.Message, error.ErrorCode, clock.Elapsed));
            throw;
        }
#pragma warning disable CA1031 // A defect in a handler must reach the user as a Tcl error, never end the process.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var type = error.GetType().FullName ?? error.GetType().Name;
            var internalError = new TclCommandException($"Internal error: {type}: {error.Message}", ["SPPS", "INTERNAL", type]);
            _observers.ForEach(observer => observer.CommandFailed(commandLine, internalError.Message, internalError.ErrorCode, clock.Elapsed));
            throw internalError;
        }
    }

    /// <summary>
    /// Replaces every secret option value given so far in this interpreter by &lt;secret&gt;, in any letter case, for
    /// text that may quote a command line, such as Tcl's errorInfo trace, before it is printed or logged. Tcl cuts long
    /// words in traces ("ABAB..."), so a run of at least <see cref="ShortestRedactedPrefix"/> characters that begins a
    /// secret is replaced too. Values shorter than that cannot be keys and are left alone.
    /// </summary>
    public string Redact(string text)
    {
        if (_secretsSeen.Count == 0)
        {
            return text;
        }

        var redacted = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var longest = _secretsSeen.Max(secret => MatchedSecretLength(text, at, secret));
            if (longest > 0)
            {
                redacted.Append(SecretMark);
                at += longest;
            }
            else
            {
                redacted.Append(text[at++]);
            }
        }

        return redacted.ToString();
    }

    private static int MatchedSecretLength(string text, int at, string secret)
    {
        var length = 0;
        while (length < secret.Length && at + length < text.Length
               && char.ToUpperInvariant(text[at + length]) == char.ToUpperInvariant(secret[length]))
        {
            length++;
        }

        return length == secret.Length || length >= ShortestRedactedPrefix ? length : 0;
    }

    private IReadOnlyList<string> RedactSecretOptions(CommandSpec command, IReadOnlyList<string> words)
    {
        var redacted = words.ToArray();
        for (var i = 0; i + 1 < redacted.Length; i++)
        {
            if (redacted[i].StartsWith('-') && command.FindOption(redacted[i][1..]) is { Secret: true })
            {
                if (redacted[i + 1].Length >= ShortestRedactedPrefix)
                {
                    _secretsSeen.Add(redacted[i + 1]);
                }

                redacted[++i] = SecretMark;
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

        var command = Find(name) ?? throw new TclCommandException(
            $"Unknown command '{name}'. Type 'help' for the list of commands.", ["SPPS", "NOCMD", name]);
        context.Print(HelpFormatter.CommandHelp(command).TrimEnd('\n'));
        return string.Empty;
    }

    private void Emit(TclInterpreter interpreter, TclChannel channel, string text)
    {
        interpreter.Write(channel, text + "\n");
        foreach (var line in text.Split('\n'))
        {
            _observers.ForEach(observer => observer.LinePrinted(channel, line));
        }
    }
}
