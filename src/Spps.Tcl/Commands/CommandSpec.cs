namespace Spps.Tcl.Commands;

/// <summary>
/// A command as declared in an area's table: everything the framework needs to parse it, document it and report
/// its errors uniformly. The handler only ever sees checked values.
/// </summary>
public sealed record CommandSpec(string Name, string Area, string Summary, IReadOnlyList<OptionSpec> Options, CommandHandler Handler)
{
    /// <summary>Further paragraphs shown by <c>help &lt;command&gt;</c>, after the summary.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Tcl line(s) that show the command in use, one per line, shown last by <c>help &lt;command&gt;</c>. Each is taken
    /// from the command reference or the examples, and is run by the tests in a temporary project, so it stays true.
    /// </summary>
    public string? Example { get; init; }

    /// <summary>What must hold before the command runs (an open project, HSM settings), checked in this order.</summary>
    public IReadOnlyList<CommandPrecondition> Preconditions { get; init; } = [];

    /// <summary>An optional bare word after the command (as in <c>help &lt;command&gt;</c>); most commands take none.</summary>
    public OptionSpec? Operand { get; init; }

    /// <summary>This command with <paramref name="preconditions"/> added to what it needs.</summary>
    public CommandSpec Needing(params IReadOnlyList<CommandPrecondition> preconditions) => this with { Preconditions = [.. Preconditions, .. preconditions] };

    /// <summary>A declared option, or one the framework gives every command (<see cref="CommonOptions"/>).</summary>
    public OptionSpec? FindOption(string name) =>
        Options.FirstOrDefault(option => option.Name == name) ?? CommonOptions.All.FirstOrDefault(option => option.Name == name);
}
