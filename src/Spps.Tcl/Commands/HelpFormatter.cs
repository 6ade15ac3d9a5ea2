using System.Text;

namespace Spps.Tcl.Commands;

/// <summary>Writes usage lines in the command reference's own shape, per-command help, and the command list.</summary>
public static class HelpFormatter
{
    /// <summary>E.g. <c>close_project [-save &lt;TRUE|FALSE&gt;]</c>.</summary>
    public static string Usage(CommandSpec command) => string.Join(' ', [command.Name, .. UsageParts(command)]);

    /// <summary>
    /// Usage, summary, preconditions, description, each option on its own line with its meaning wrapped under it, and
    /// the example; no line wider than <see cref="HelpText.Width"/> columns.
    /// </summary>
    public static string CommandHelp(CommandSpec command)
    {
        var help = new StringBuilder();
        HelpText.AppendFilled(help, ["Usage:", command.Name, .. UsageParts(command)], string.Empty, UsageIndent);
        help.AppendLine();
        HelpText.AppendParagraphs(help, command.Summary, string.Empty);
        if (command.Preconditions.Count > 0)
        {
            help.AppendLine();
            HelpText.AppendParagraphs(help, $"Needs: {string.Join(", ", command.Preconditions.Select(precondition => precondition.Needs))}.", string.Empty);
        }

        if (command.Description is { } description)
        {
            help.AppendLine();
            HelpText.AppendParagraphs(help, description, string.Empty);
        }

        IReadOnlyList<OptionSpec> lines = command.Operand is { } operand ? [.. command.Options, operand] : command.Options;
        if (lines.Count > 0)
        {
            help.AppendLine().AppendLine("Options:");
            foreach (var option in lines)
            {
                HelpText.AppendFilled(help, [OptionWithValue(option, command), option.Required ? "(required)" : "(optional)"], OptionIndent, OptionIndent + "  ");
                var meaning = option.Default is { } defaultValue ? $"{option.Help} Default: {defaultValue}." : option.Help;
                HelpText.AppendParagraphs(help, meaning, MeaningIndent);
            }
        }

        if (command.Example is { } example)
        {
            help.AppendLine().AppendLine("Example:");
            foreach (var line in example.Split('\n'))
            {
                help.Append(OptionIndent).AppendLine(line);
            }
        }

        return help.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// Every command with its one-line help, grouped by area in the order the areas were declared; a summary too long
    /// for its line continues under itself.
    /// </summary>
    public static string CommandList(IReadOnlyList<CommandSpec> commands)
    {
        var help = new StringBuilder("Commands (type 'help <command>' or '<command> -help' for details):\n");
        var width = commands.Max(command => command.Name.Length);
        var summaryIndent = new string(' ', OptionIndent.Length + width + 2);
        foreach (var area in commands.GroupBy(command => command.Area))
        {
            help.AppendLine().AppendLine(area.Key);
            foreach (var command in area)
            {
                HelpText.AppendFilled(help, command.Summary.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    OptionIndent + command.Name.PadRight(width) + "  ", summaryIndent);
            }
        }

        return help.ToString();
    }

    private const string OptionIndent = "  ";
    private const string MeaningIndent = "      ";
    private const string UsageIndent = "        ";

    // The usage line's parts after the command name, each kept whole on a line by help: "-job_name <job>", "[-save <TRUE|FALSE>]".
    private static IEnumerable<string> UsageParts(CommandSpec command)
    {
        foreach (var option in command.Options)
        {
            var part = OptionWithValue(option);
            yield return option.Required ? part : $"[{part}]";
        }

        if (command.Operand is { } operand)
        {
            yield return operand.Required ? $"<{operand.Placeholder}>" : $"[<{operand.Placeholder}>]";
        }
    }

    private static string OptionWithValue(OptionSpec option, CommandSpec? command = null) =>
        ReferenceEquals(option, command?.Operand) ? $"<{option.Placeholder}>"
        : option.Kind == OptionKind.Flag ? "-" + option.Name
        : $"-{option.Name} <{option.Placeholder}>";
}
