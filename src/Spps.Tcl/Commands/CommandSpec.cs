namespace Spps.Tcl.Commands;

/// <summary>
/// A command as declared in an area's table: everything the framework needs to parse it, document it and report
/// its errors uniformly. The handler only ever sees checked values.
/// </summary>
public sealed record CommandSpec(string Name, string Area, string Summary, IReadOnlyList<OptionSpec> Options, CommandHandler Handler)
{
    /// <summary>Further paragraphs shown by <c>help &lt;command&gt;</c>, after the summary.</summary>
    public string? Description { get; init; }

    /// <summary>An optional bare word after the command (as in <c>help &lt;command&gt;</c>); most commands take none.</summary>
    public OptionSpec? Operand { get; init; }

    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(option => option.Name == name);
}
