using System.Reflection;
using System.Runtime.InteropServices;

namespace Spps.JobManager.Application;

/// <summary>What <c>get_software_info</c> reports.</summary>
public sealed record SoftwareInfo(string Name, string Version, string TclVersion, string Runtime, string SettingsFile)
{
    public const string ProductName = "SPPS Job Manager (open implementation)";

    /// <summary>This build's version, e.g. <c>0.1.0</c> or <c>0.1.0+commit</c> when built from a git checkout.</summary>
    public static string CurrentVersion { get; } = ReadVersion();

    public static SoftwareInfo Describe(string tclVersion, string settingsFile) =>
        new(ProductName, CurrentVersion, tclVersion, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})", settingsFile);

    // The SDK appends the full commit id (+<40 hex digits>); twelve digits identify a commit just as well.
    private static string ReadVersion()
    {
        var version = typeof(SoftwareInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? typeof(SoftwareInfo).Assembly.GetName().Version?.ToString()
                      ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length - plus - 1 > 12 ? version[..(plus + 13)] : version;
    }
}
