namespace Spps.Formats.CommandLines;

/// <summary>A command of a <see cref="SubcommandProgram"/>: its name, what it runs, the options it takes a value for and its switches.</summary>
public sealed record Subcommand(string Name, Func<CommandLine, Task> Run, IReadOnlyCollection<string> Options, IReadOnlyCollection<string> Switches)
{
    /// <summary>A command that runs synchronously.</summary>
    public Subcommand(string name, Action<CommandLine> run, IReadOnlyCollection<string> options, IReadOnlyCollection<string> switches)
        : this(name, line =>
        {
            run(line);
            return Task.CompletedTask;
        }, options, switches)
    {
    }
}
