using System.Runtime.InteropServices;
using Spps.Workspace;

namespace Spps.JobManager.Application;

/// <summary>What <c>get_software_info</c> reports.</summary>
public sealed record SoftwareInfo(string Name, string Version, string TclVersion, string Runtime, string SettingsFile)
{
    public const string ProductName = "SPPS Job Manager (open implementation)";

    /// <summary>This build's version (<see cref="ProgramIdentity.Version"/>).</summary>
    public static string CurrentVersion => ProgramIdentity.Version;

    public static SoftwareInfo Describe(string tclVersion, string settingsFile) =>
        new(ProductName, CurrentVersion, tclVersion, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})", settingsFile);
}
