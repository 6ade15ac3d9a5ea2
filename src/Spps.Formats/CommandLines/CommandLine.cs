using System.Globalization;

namespace Spps.Formats.CommandLines;

/// <summary>
/// One sub-command's <c>--name value</c> options and <c>--switch</c>es: each known to the sub-command and given at
/// most once, with typed reads that name the option and what it accepts.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _given = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="args"/> (what follows the command); a refusal ends with the help of <paramref name="program"/>.</summary>
    public CommandLine(string program, IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> switches)
    {
        var position = 0;
        while (position < args.Count)
        {
            var name = args[position++];
            if (_given.ContainsKey(name))
            {
                throw new UsageException($"{name} is given more than once.");
            }

            if (switches.Contains(name))
            {
                _given[name] = null;
            }
            else if (!options.Contains(name))
            {
                throw new UsageException($"unknown option '{name}' (expecting {string.Join(", ", options.Concat(switches))}). Try '{program} --help'.");
            }
            else if (position < args.Count)
            {
                _given[name] = args[position++];
            }
            else
            {
                throw new UsageException($"{name} needs a value.");
            }
        }
    }

    public bool Has(string name) => _given.ContainsKey(name);

    public string Required(string name) => _given.GetValueOrDefault(name) ?? throw new UsageException($"{name} is required.");

    public string? Optional(string name) => _given.GetValueOrDefault(name);

    /// <summary>The value of <paramref name="name"/> as an integer of 1 or more, or null when not given.</summary>
    public int? PositiveInteger(string name) => Optional(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value
        : throw new UsageException($"{name} '{text}' is not a positive integer (expecting 1, 2, 3, …).");

    /// <summary>The value of <paramref name="name"/> as a 64-bit integer, or null when not given.</summary>
    public long? Integer(string name) => Optional(name) is not { } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"{name} '{text}' is not an integer (expecting a whole number such as 42).");
}
