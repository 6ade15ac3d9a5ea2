using System.Text;

namespace Spps.Tcl.Commands;

/// <summary>Writes usage lines in the command reference's own shape, per-command help, and the command list.</summary>
public static class HelpFormatter
{
    /// <summary>E.g. <c>close_project [-save &lt;TRUE|FALSE&gt;]</c>.</summary>
    public static string Usage(CommandSpec command)
    {
        var usage = new StringBuilder(command.Name);
        foreach (var option in command.Options)
        {
            var part = OptionWithValue(option);
            usage.Append(' ').Append(option.Required ? part : $"[{part}]");
        }

        if (command.Operand is { } operand)
        {
            usage.Append(operand.Required ? $" <{operand.Placeholder}>" : $" [<{operand.Placeholder}>]");
        }

        return usage.ToString();
    }

    /// <summary>Usage, summary, description, then one aligned line per option.</summary>
    public static string CommandHelp(CommandSpec command)
    {
        var help = new StringBuilder();
        help.Append("Usage: ").AppendLine(Usage(command)).AppendLine().AppendLine(command.Summary);
        if (command.Preconditions.Count > 0)
        {
            help.AppendLine().Append("Needs: ").Append(string.Join(", ", command.Preconditions.Select(precondition => precondition.Needs))).AppendLine(".");
        }

        if (command.Description is { } description)
        {
            help.AppendLine().AppendLine(description);
        }

        var lines = command.Operand is { } operand ? [.. command.Options, operand] : command.Options;
        if (lines.Count > 0)
        {
            help.AppendLine().AppendLine("Options:");
            var width = lines.Max(option => OptionWithValue(option, command).Length);
            foreach (var option in lines)
            {
                help.Append("  ").Append(OptionWithValue(option, command).PadRight(width)).Append("  ")
                    .Append(option.Required ? "required" : "optional").Append("  ").Append(option.Help);
                if (option.Default is { } defaultValue)
                {
                    help.Append(" Default: ").Append(defaultValue).Append('.');
                }

                help.AppendLine();
            }
        }

        return help.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Every command with its one-line help, grouped by area in the order the areas were declared.</summary>
    public static string CommandList(IReadOnlyList<CommandSpec> commands)
    {
        var help = new StringBuilder("Commands (type 'help <command>' or '<command> -help' for details):\n");
        var width = commands.Max(command => command.Name.Length);
        foreach (var area in commands.GroupBy(command => command.Area))
        {
            help.AppendLine().AppendLine(area.Key);
            foreach (var command in area)
            {
                help.Append("  ").Append(command.Name.PadRight(width)).Append("  ").AppendLine(command.Summary);
            }
        }

        return help.ToString();
    }

    private static string OptionWithValue(OptionSpec option, CommandSpec? command = null) =>
        ReferenceEquals(option, command?.Operand) ? $"<{option.Placeholder}>"
        : option.Kind == OptionKind.Flag ? "-" + option.Name
        : $"-{option.Name} <{option.Placeholder}>";
}
