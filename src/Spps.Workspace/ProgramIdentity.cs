using System.Reflection;

namespace Spps.Workspace;

/// <summary>Which program and build writes a file or holds a lock: named in project files, locks and containers.</summary>
public static class ProgramIdentity
{
    /// <summary>The running program (<c>jobmanager</c>, <c>fpexpress</c>, …): its entry assembly's name.</summary>
    public static string Name { get; } = Assembly.GetEntryAssembly()?.GetName().Name ?? "spps";

    /// <summary>This build's version, e.g. <c>0.1.0</c> or <c>0.1.0+commit</c> when built from a git checkout.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The program and its version, as files record their creator.</summary>
    public static string Creator => $"{Name} {Version}";

    // The SDK appends the full commit id (+<40 hex digits>); twelve digits identify a commit just as well.
    private static string ReadVersion()
    {
        var version = typeof(ProgramIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? typeof(ProgramIdentity).Assembly.GetName().Version?.ToString()
                      ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length - plus - 1 > 12 ? version[..(plus + 13)] : version;
    }
}
