using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.Workspace;

/// <summary>The one rule for names a script gives to entries (Programming Data, bitstreams, jobs, chain devices).</summary>
public static partial class EntryName
{
    public const string Expecting = "1 to 64 letters, digits and '_'";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>
    /// Refuses a name given with <paramref name="option"/> (e.g. <c>-job_name</c>) that breaks the rule, as a command's
    /// own checks word it: BADVALUE with the option and the value, and what is accepted.
    /// </summary>
    public static void Require(string name, string option)
    {
        if (!IsValid(name))
        {
            throw new DomainException($"{option.TrimStart('-')}: Invalid argument value: '{name}' (expecting {Expecting}).", "BADVALUE", option, name);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex Pattern();
}
