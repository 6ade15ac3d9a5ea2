namespace Spps.Tcl.Hosting.LineEditing;

/// <summary>What reading one line at the prompt gave.</summary>
internal readonly record struct ShellLine(ShellLineKind Kind, string Text)
{
    public static ShellLine EndOfInput { get; } = new(ShellLineKind.EndOfInput, string.Empty);

    /// <summary>Ctrl-C: the line (and a command begun on earlier lines) is dropped.</summary>
    public static ShellLine Interrupted { get; } = new(ShellLineKind.Interrupted, string.Empty);

    public static ShellLine Of(string text) => new(ShellLineKind.Line, text);
}

internal enum ShellLineKind
{
    Line,
    Interrupted,
    EndOfInput,
}
