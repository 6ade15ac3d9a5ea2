using System.Globalization;
using Spps.Formats.CommandLines;

namespace Spps.Cli.JdcGen;

/// <summary>Libero-style options (<c>-name value</c>, <c>-flag</c>), some repeatable, checked against what the program accepts.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public Options(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> repeatable, IReadOnlyCollection<string> flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                _flags.Add(name);
            }
            else if (valued.Contains(name) || repeatable.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{name} needs a value.");
                }

                if (!_values.TryGetValue(name, out var list))
                {
                    _values[name] = list = [];
                }
                else if (!repeatable.Contains(name))
                {
                    throw new UsageException($"{name} is given more than once.");
                }

                list.Add(args[++i]);
            }
            else
            {
                throw new UsageException($"unknown option '{name}'. Try 'jdcgen --help'.");
            }
        }
    }

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    public string Required(string name) => Optional(name) ?? throw new UsageException($"{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public int Integer(string name, int fallback, int minimum, int maximum)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new UsageException($"{name} '{text}' is not a whole number from {minimum} to {maximum}.");
    }
}
