using System.Globalization;

namespace Spps.Tcl.Commands;

/// <summary>The checked values of one command call, by option name (without the dash). Defaults are already applied.</summary>
public sealed class ParsedOptions
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _lists;

    internal ParsedOptions(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, IReadOnlyList<string>> lists)
    {
        _values = values;
        _lists = lists;
    }

    /// <summary>Whether the option has a value (given, or from its default).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of an option that is required or has a default.</summary>
    public string Text(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"Option '{name}' has no value; the spec should make it required or give a default.");

    public string? OptionalText(string name) => _values.GetValueOrDefault(name);

    /// <summary>A Boolean, YES/NO or flag option; absent with no default reads as false.</summary>
    public bool IsTrue(string name) => _values.TryGetValue(name, out var value) && value == "TRUE";

    public bool? OptionalBoolean(string name) => _values.TryGetValue(name, out var value) ? value == "TRUE" : null;

    /// <summary>The elements of a list option, canonical spelling, in the order given.</summary>
    public IReadOnlyList<string> List(string name) => _lists.TryGetValue(name, out var list) ? list : [];

    public long Integer(string name) => long.Parse(Text(name), CultureInfo.InvariantCulture);
}
