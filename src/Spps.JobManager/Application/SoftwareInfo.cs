using System.Reflection;
using System.Runtime.InteropServices;

namespace Spps.JobManager.Application;

/// <summary>What <c>get_software_info</c> reports.</summary>
public sealed record SoftwareInfo(string Name, string Version, string TclVersion, string Runtime, string SettingsFile)
{
    public const string ProductName = "SPPS Job Manager (open implementation)";

    /// <summary>This build's version, e.g. <c>0.1.0</c> or <c>0.1.0+commit</c> when built from a git checkout.</summary>
    public static string CurrentVersion =>
        typeof(SoftwareInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SoftwareInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static SoftwareInfo Describe(string tclVersion, string settingsFile) =>
        new(ProductName, CurrentVersion, tclVersion, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})", settingsFile);
}
