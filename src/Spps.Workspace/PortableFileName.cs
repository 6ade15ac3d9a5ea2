using System.Text.RegularExpressions;

namespace Spps.Workspace;

/// <summary>
/// The one rule for names a script gives to files it names without a folder (projects, keyset files, job files): they
/// become file names on every platform, so they are kept to a portable set.
/// </summary>
public static partial class PortableFileName
{
    public const string Expecting = "a name of at most 100 letters, digits, '_', '-' and '.', starting with a letter, digit or '_'";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex Pattern();
}
