namespace Spps.Tcl.Commands;

/// <summary>
/// Recognises paths written the Windows way (<c>C:\out\m</c>, <c>C:/out/m</c>, <c>\\server\share</c>, <c>out\m</c>), as
/// Microchip's own examples write them. Elsewhere such a value is a legal but surprising name (a folder <c>C:</c> in the
/// current folder, a file whose name holds backslashes), so the user is warned rather than refused.
/// </summary>
public static class WindowsPath
{
    public static bool LooksLikeOne(string path) =>
        path.Contains('\\', StringComparison.Ordinal) || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');

    /// <summary>The warning for a path option's value on a system whose paths are not Windows', or null when none is due.</summary>
    public static string? Warning(OptionSpec option, string value) =>
        option.IsPath && !OperatingSystem.IsWindows() && LooksLikeOne(value)
            ? $"Parameter '{option.Name}': '{value}' looks like a Windows path; it is taken literally on this system, where '\\' is part of a name " +
              "and a drive letter is an ordinary folder name. Write paths with '/' and without a drive."
            : null;
}
