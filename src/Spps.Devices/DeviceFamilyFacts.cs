namespace Spps.Devices;

/// <summary>Rules that follow from the family alone (command reference 15.4.8 and reference/domain.md §4.1).</summary>
public static class DeviceFamilyFacts
{
    public static string DisplayName(this DeviceFamily family) => family switch
    {
        DeviceFamily.SmartFusion2 => "SmartFusion 2",
        DeviceFamily.Igloo2 => "IGLOO 2",
        DeviceFamily.PolarFire => "PolarFire",
        _ => "PolarFire SoC",
    };

    /// <summary>SmartFusion 2 and IGLOO 2 share the G4 programming algorithm; PolarFire and PolarFire SoC the G5.</summary>
    public static bool IsG4(this DeviceFamily family) => family is DeviceFamily.SmartFusion2 or DeviceFamily.Igloo2;

    /// <summary>Key rotation and the SPI directory are SmartFusion 2 / IGLOO 2 features.</summary>
    public static bool SupportsKeyRotation(this DeviceFamily family) => family.IsG4();

    public static bool SupportsSpiDirectory(this DeviceFamily family) => family.IsG4();

    /// <summary>The family code DirectC's data files and bitstream headers carry: 5 G4, 7 G5 (PolarFire), 8 G5 SoC.</summary>
    public static byte DataFileCode(this DeviceFamily family) => family switch
    {
        DeviceFamily.PolarFire => 7,
        DeviceFamily.PolarFireSoc => 8,
        _ => 5,
    };
}
