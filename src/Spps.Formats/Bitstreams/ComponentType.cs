using Spps.Devices;

namespace Spps.Formats.Bitstreams;

/// <summary>Component types, stored at byte 48 of each component, numbered as DirectC numbers them.</summary>
public static class ComponentType
{
    public const byte Header = 0;   // "BITS" on G5; the real G4 header component carries 0 as well
    public const byte Fabric = 1;
    public const byte Keys = 2;
    public const byte G4Envm = 3;
    public const byte G5Snvm = 3;
    public const byte G5Envm = 6;
    public const byte EndOfBitstream = 127; // G5 only

    /// <summary>The design components a device of <paramref name="family"/> takes: fabric and its memories, and the G5 end of bitstream.</summary>
    public static IReadOnlyList<byte> DesignTypes(DeviceFamily family) => family switch
    {
        DeviceFamily.PolarFire => [Fabric, G5Snvm, EndOfBitstream],
        DeviceFamily.PolarFireSoc => [Fabric, G5Snvm, G5Envm, EndOfBitstream],
        _ => [Fabric, G4Envm],
    };
}
