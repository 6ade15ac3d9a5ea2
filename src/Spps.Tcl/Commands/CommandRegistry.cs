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

    private readonly List<CommandSpec> _commands = [];
    private readonly List<ICommandObserver> _observers = [];

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
        // Only observers need the command line as text; building it costs a Tcl list per call.
        var commandLine = _observers.Count > 0 ? interpreter.MergeList([command.Name, .. words]) : command.Name;
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
