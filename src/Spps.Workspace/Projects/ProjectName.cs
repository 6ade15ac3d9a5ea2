using System.Text.RegularExpressions;
using Spps.Devices;

namespace Spps.Workspace.Projects;

/// <summary>Project names become a folder and a file name on every platform, so they are kept to a portable set.</summary>
public static partial class ProjectName
{
    public static string Validate(string name) =>
        Portable().IsMatch(name)
            ? name
            : throw new DomainException(
                $"name: Invalid argument value: '{name}' (expecting a project name of at most 100 letters, digits, '_', '-' and '.', " +
                "starting with a letter, digit or '_').", "BADVALUE", "-name", name);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex Portable();
}
