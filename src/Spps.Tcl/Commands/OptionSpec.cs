namespace Spps.Tcl.Commands;

/// <summary>One option of a command: its name (without the dash), how its value is written in usage, and its rules.</summary>
public sealed record OptionSpec
{
    private OptionSpec(string name, string placeholder, string help, OptionKind kind)
    {
        Name = name;
        Placeholder = placeholder;
        Help = help;
        Kind = kind;
    }

    public string Name { get; }

    /// <summary>How the value appears in usage, e.g. <c>path</c> in <c>-location &lt;path&gt;</c>.</summary>
    public string Placeholder { get; }

    /// <summary>One line: what the option means.</summary>
    public string Help { get; }

    public OptionKind Kind { get; }

    public bool Required { get; init; }

    /// <summary>The value is a secret (a key): it is replaced by &lt;secret&gt; in everything observers see and in <see cref="CommandRegistry.Redact"/>.</summary>
    public bool Secret { get; init; }

    /// <summary>Lets a text option pass an empty value to the handler, which then words its own error.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>The accepted values of a choice option, in their canonical spelling.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>The value used when the option is absent, if any (shown in help).</summary>
    public string? Default { get; init; }

    /// <summary>The value names a file or folder (<see cref="OptionKind.ExistingFile"/> or <see cref="OptionKind.Path"/>).</summary>
    public bool IsPath => Kind is OptionKind.ExistingFile or OptionKind.Path;

    /// <summary>The characters a <see cref="OptionKind.Name"/> option accepts.</summary>
    public NameRule? Names { get; init; }

    public long Minimum { get; init; } = long.MinValue;

    public long Maximum { get; init; } = long.MaxValue;

    public static OptionSpec Text(string name, string placeholder, string help, bool required = false) =>
        new(name, placeholder, help, OptionKind.Text) { Required = required };

    /// <summary>The name of a thing in a project or job (<see cref="NameRule.Entry"/>), checked alike by every command.</summary>
    public static OptionSpec EntryName(string name, string placeholder, string help, bool required = false) =>
        new(name, placeholder, help, OptionKind.Name) { Required = required, Names = NameRule.Entry };

    /// <summary>A file named without a folder (<see cref="NameRule.File"/>): a project, a keyset file, a job file.</summary>
    public static OptionSpec FileName(string name, string placeholder, string help, bool required = false) =>
        new(name, placeholder, help, OptionKind.Name) { Required = required, Names = NameRule.File };

    public static OptionSpec File(string name, string placeholder, string help, bool required = false) =>
        new(name, placeholder, help, OptionKind.ExistingFile) { Required = required };

    /// <summary>A path the command writes or creates: read as <see cref="Text"/> is, and checked for Windows spellings (<see cref="WindowsPath"/>).</summary>
    public static OptionSpec Path(string name, string placeholder, string help, bool required = false) =>
        new(name, placeholder, help, OptionKind.Path) { Required = required };

    public static OptionSpec Boolean(string name, string help, bool required = false, string? defaultValue = null) =>
        new(name, "TRUE|FALSE", help, OptionKind.Boolean) { Required = required, Default = defaultValue };

    public static OptionSpec YesNo(string name, string help, string? defaultValue = null) =>
        new(name, "YES|NO", help, OptionKind.YesNo) { Default = defaultValue };

    public static OptionSpec Flag(string name, string help) =>
        new(name, string.Empty, help, OptionKind.Flag);

    public static OptionSpec Choice(string name, IReadOnlyList<string> values, string help, bool required = false, string? defaultValue = null) =>
        new(name, string.Join('|', values), help, OptionKind.Choice) { Required = required, AllowedValues = values, Default = defaultValue };

    public static OptionSpec ChoiceList(string name, IReadOnlyList<string> values, string help, bool required = false, string? defaultValue = null) =>
        new(name, string.Join('|', values) + " ...", help, OptionKind.ChoiceList) { Required = required, AllowedValues = values, Default = defaultValue };

    public static OptionSpec Integer(string name, string placeholder, string help, long minimum, long maximum, bool required = false) =>
        new(name, placeholder, help, OptionKind.Integer) { Required = required, Minimum = minimum, Maximum = maximum };
}
