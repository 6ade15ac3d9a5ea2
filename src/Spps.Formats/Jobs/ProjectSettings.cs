namespace Spps.Formats.Jobs;

/// <summary>
/// The FlashPro project settings member of a job container (<c>&lt;project&gt;.pro@set</c>): where FlashPro keeps its
/// project, the programmers' TCK, and each chain device's IR length and highest TCK.
/// </summary>
public sealed record ProjectSettings
{
    public required string ProjectName { get; init; }

    public required string ProjectDirectory { get; init; }

    public required string LogFile { get; init; }

    /// <summary>The Microchip device the job targets first (<c>LiberoTargetDevice</c>).</summary>
    public required string TargetDevice { get; init; }

    /// <summary>The TCK every programmer is set to, in Hz.</summary>
    public required long TckHz { get; init; }

    public required IReadOnlyList<ProjectSettingsDevice> Devices { get; init; }
}

/// <summary>A <c>Device</c> of the settings: its maker's type (<c>ACTEL</c> for Microchip), name, user name, IR length and highest TCK in Hz.</summary>
public sealed record ProjectSettingsDevice(string Type, string Name, string Custom, int IrLength, long MaxTckHz)
{
    public const string Microchip = "ACTEL";

    /// <summary>Our type for another maker's device; no public file shows one.</summary>
    public const string Other = "OTHER";
}
