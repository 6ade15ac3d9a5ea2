using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// The framework's error messages, in the wording Libero's tools use so users recognise them, each with a
/// structured <c>errorCode</c> (first word SPPS, then the kind, then the details) that scripts can match.
/// </summary>
public static class CommandErrors
{
    public const string BooleanWords = "TRUE, FALSE, 1 or 0, in any letter case";

    public const string YesNoWords = "YES, NO, TRUE, FALSE, 1 or 0, in any letter case";

    public static TclCommandException Missing(string option) =>
        new($"Required parameter '{option}' is missing.", ["SPPS", "MISSING", option]);

    /// <param name="option">The word after its first dash, as the user wrote it.</param>
    /// <param name="closest">The command's option names nearest to it (see <see cref="ClosestNames"/>), without the dash.</param>
    /// <param name="extraDashes">The word began with more than one dash (<c>--save</c>): say that options take one.</param>
    public static TclCommandException UnknownOption(string option, string usage, IReadOnlyList<string> closest, bool extraDashes)
    {
        var names = closest.Select(name => "-" + name).ToList();
        var advice = !extraDashes ? "." + DidYouMean(names)
            : names.Count == 1 && option.TrimStart('-') == closest[0] ? $": options take one dash, as in {names[0]}."
            : ": options take one dash." + DidYouMean(names);
        return new($"Parameter '{option}' is not defined{advice} Valid command formatting is '{usage}'.", ["SPPS", "BADOPT", option]);
    }

    public static TclCommandException NoValue(string option, string usage) =>
        new($"Parameter '{option}' has no value. Valid command formatting is '{usage}'.", ["SPPS", "NOVALUE", option]);

    public static TclCommandException Repeated(string option) =>
        new($"Parameter '{option}' is given more than once; give it once.", ["SPPS", "DUPOPT", option]);

    public static TclCommandException UnexpectedWord(string word, string usage) =>
        new($"Unexpected argument '{word}': options are written as -name value. Valid command formatting is '{usage}'.", ["SPPS", "BADARG", word]);

    /// <summary><c>&lt;option&gt;: Invalid argument value: '&lt;value&gt;' (expecting &lt;accepted&gt;).</c></summary>
    public static TclCommandException BadValue(string option, string value, string expecting) =>
        BadValue(option, value, expecting, []);

    /// <summary>As <see cref="BadValue(string, string, string)"/>, followed by the accepted values nearest to the one given.</summary>
    public static TclCommandException BadValue(string option, string value, string expecting, IReadOnlyList<string> closest) =>
        new($"{option}: Invalid argument value: '{value}' (expecting {expecting}).{DidYouMean(closest)}", ["SPPS", "BADVALUE", "-" + option, value]);

    public static TclCommandException NoSuchFile(string option, string path) =>
        new($"Parameter '{option}': the file '{path}' does not exist.", ["SPPS", "NOFILE", "-" + option, path]);

    public static TclCommandException FolderNotFile(string option, string path) =>
        new($"Parameter '{option}': '{path}' is a folder; expecting a file.", ["SPPS", "NOTAFILE", "-" + option, path]);

    public static TclCommandException UnknownCommand(string name, IReadOnlyList<string> closest) =>
        new($"Unknown command '{name}'.{DidYouMean(closest)} Type 'help' for the list of commands.", ["SPPS", "NOCMD", name]);

    /// <summary><c> Did you mean A or B?</c> for the names nearest to a mistyped one, or nothing when none is near.</summary>
    public static string DidYouMean(IReadOnlyList<string> closest) => closest.Count == 0 ? string.Empty : $" Did you mean {OneOf(closest)}?";

    /// <summary>Lists values as Libero does: "A, B or C".</summary>
    public static string OneOf(IReadOnlyList<string> values) =>
        values.Count switch
        {
            0 => "nothing",
            1 => values[0],
            _ => string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1],
        };
}
