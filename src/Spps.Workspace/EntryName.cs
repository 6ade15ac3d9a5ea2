using System.Text.RegularExpressions;

namespace Spps.Workspace;

/// <summary>The one rule for names a script gives to entries (Programming Data, bitstreams, jobs, chain devices).</summary>
public static partial class EntryName
{
    public const string Expecting = "1 to 64 letters, digits and '_'";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex Pattern();
}
