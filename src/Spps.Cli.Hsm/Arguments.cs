namespace Spps.Cli.Hsm;

/// <summary>The <c>--name value</c> options of one sub-command, checked against the names it accepts.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> switches)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (switches.Contains(name))
            {
                _values[name] = null;
            }
            else if (valued.Contains(name))
            {
                _values[name] = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            }
            else
            {
                throw new UsageException($"unknown option '{name}' (expecting {string.Join(", ", valued.Concat(switches))}).");
            }
        }
    }

    public string Required(string name) => _values.TryGetValue(name, out var value) && value is not null ? value : throw new UsageException($"{name} is required.");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);
}
