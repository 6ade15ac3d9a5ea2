using System.Globalization;
using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// Reads the words of one command call against its spec: <c>-name value</c> pairs in any order, flags without a
/// value, Tcl lists where the option takes several values, and the options every command accepts
/// (<see cref="CommonOptions"/>). Every refusal is a <see cref="TclCommandException"/> worded by <see cref="CommandErrors"/>;
/// an unknown option or choice names the closest valid ones.
/// </summary>
internal sealed class OptionParser(CommandSpec spec, string usage, Func<string, IReadOnlyList<string>> splitList)
{
    /// <summary>Whether the words ask for the command's help instead of running it.</summary>
    public static bool AsksForHelp(IReadOnlyList<string> words) => words.Count == 1 && words[0] == "-help";

    /// <param name="warn">Receives a warning about a value that is accepted but probably not meant (a Windows path).</param>
    public ParsedOptions Parse(IReadOnlyList<string> words, Action<string> warn)
    {
        var given = ReadPairs(words);
        foreach (var option in spec.Options.Where(option => option.Required && !given.ContainsKey(option.Name)))
        {
            throw CommandErrors.Missing(option.Name);
        }

        var values = new Dictionary<string, string>();
        var lists = new Dictionary<string, IReadOnlyList<string>>();
        IEnumerable<OptionSpec> options = [.. spec.Options, .. CommonOptions.All, .. spec.Operand is null ? [] : new[] { spec.Operand }];
        foreach (var option in options)
        {
            var raw = given.TryGetValue(option.Name, out var value) ? value : option.Default;
            if (raw is null)
            {
                continue;
            }

            if (option.Kind == OptionKind.ChoiceList)
            {
                var elements = ReadChoiceList(option, raw);
                lists[option.Name] = elements;
                values[option.Name] = string.Join(' ', elements);
            }
            else
            {
                if (WindowsPath.Warning(option, raw) is { } warning)
                {
                    warn(warning); // before the value is checked, so it also explains a file that is then not found
                }

                values[option.Name] = Convert(option, raw);
            }
        }

        return new ParsedOptions(values, lists);
    }

    private Dictionary<string, string> ReadPairs(IReadOnlyList<string> words)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (spec.Operand is { } operand && !given.ContainsKey(operand.Name) && !word.StartsWith('-'))
            {
                given[operand.Name] = word;
                continue;
            }

            if (word.Length < 2 || word[0] != '-')
            {
                throw CommandErrors.UnexpectedWord(word, usage);
            }

            var name = word[1..];
            var option = spec.FindOption(name) ?? throw UnknownOption(name);
            if (given.ContainsKey(name))
            {
                throw CommandErrors.Repeated(name);
            }

            if (option.Kind == OptionKind.Flag)
            {
                // A flag may be followed by a boolean word (-flag TRUE), as some scripts write it.
                given[name] = i + 1 < words.Count && IsBooleanWord(words[i + 1]) ? words[++i] : "TRUE";
                continue;
            }

            if (i + 1 >= words.Count)
            {
                throw CommandErrors.NoValue(name, usage);
            }

            given[name] = words[++i];
        }

        return given;
    }

    private TclCommandException UnknownOption(string name)
    {
        var bare = name.TrimStart('-');
        IReadOnlyList<string> names = [.. spec.Options.Select(option => option.Name), .. CommonOptions.All.Select(option => option.Name), "help"];
        var closest = names.Contains(bare) ? [bare] : ClosestNames.To(bare, names);
        return CommandErrors.UnknownOption(name, usage, closest, extraDashes: name.StartsWith('-'));
    }

    private static string Convert(OptionSpec option, string raw) => option.Kind switch
    {
        OptionKind.Text or OptionKind.Path => raw.Length > 0 || option.AllowEmpty ? raw : throw CommandErrors.BadValue(option.Name, raw, "a non-empty value"),
        OptionKind.ExistingFile => ExistingFile(option, raw),
        OptionKind.Name => option.Names!.Accepts(raw) ? raw : throw CommandErrors.BadValue(option.Name, raw, option.Names.Expecting),
        OptionKind.Boolean or OptionKind.Flag => ReadBoolean(raw) ?? throw CommandErrors.BadValue(option.Name, raw, CommandErrors.BooleanWords),
        OptionKind.YesNo => ReadYesNo(raw) ?? throw CommandErrors.BadValue(option.Name, raw, CommandErrors.YesNoWords),
        OptionKind.Choice => Canonical(option, raw) ?? throw NotAChoice(option, raw),
        OptionKind.Integer => ReadInteger(option, raw),
        _ => throw new InvalidOperationException($"Option kind {option.Kind} is not converted here."),
    };

    private IReadOnlyList<string> ReadChoiceList(OptionSpec option, string raw)
    {
        var expecting = "a list of " + CommandErrors.OneOf(option.AllowedValues);
        IReadOnlyList<string> elements;
        try
        {
            elements = splitList(raw);
        }
        catch (TclErrorException)
        {
            throw CommandErrors.BadValue(option.Name, raw, expecting);
        }

        if (elements.Count == 0)
        {
            throw CommandErrors.BadValue(option.Name, raw, expecting);
        }

        var canonical = new List<string>();
        foreach (var element in elements)
        {
            var value = Canonical(option, element) ?? throw NotAChoice(option, element);
            if (!canonical.Contains(value))
            {
                canonical.Add(value);
            }
        }

        return canonical;
    }

    private static TclCommandException NotAChoice(OptionSpec option, string raw) =>
        CommandErrors.BadValue(option.Name, raw, CommandErrors.OneOf(option.AllowedValues), ClosestNames.To(raw, option.AllowedValues));

    private static string ExistingFile(OptionSpec option, string raw)
    {
        if (raw.Length == 0)
        {
            throw CommandErrors.BadValue(option.Name, raw, "a file path");
        }

        if (File.Exists(raw))
        {
            return raw;
        }

        throw Directory.Exists(raw) ? CommandErrors.FolderNotFile(option.Name, raw) : CommandErrors.NoSuchFile(option.Name, raw);
    }

    private static string ReadInteger(OptionSpec option, string raw)
    {
        var expecting = option.Maximum == long.MaxValue
            ? $"an integer of at least {option.Minimum}"
            : $"an integer from {option.Minimum} to {option.Maximum}";
        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
               && number >= option.Minimum && number <= option.Maximum
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw CommandErrors.BadValue(option.Name, raw, expecting);
    }

    internal static bool IsBooleanWord(string word) => ReadBoolean(word) is not null;

    // Any letter case, as Choice values: scripts write TRUE, true and True alike; the handler sees the canonical word.
    private static string? ReadBoolean(string raw) => raw.ToUpperInvariant() switch
    {
        "TRUE" or "1" => "TRUE",
        "FALSE" or "0" => "FALSE",
        _ => null,
    };

    private static string? ReadYesNo(string raw) => raw.ToUpperInvariant() switch
    {
        "YES" => "TRUE",
        "NO" => "FALSE",
        _ => ReadBoolean(raw),
    };

    private static string? Canonical(OptionSpec option, string raw) =>
        option.AllowedValues.FirstOrDefault(allowed => allowed.Equals(raw, StringComparison.OrdinalIgnoreCase));
}
