using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Jobs;

namespace Spps.FpExpress.Debug;

/// <summary>
/// A debug job target's DEBUG bitstream as the device judges it: the header its public part stands for (die, IDCODE,
/// design name and version, type DEBUG), which the device's public refusal reads before any DEBUG ticket is spent.
/// </summary>
public static class DebugBitstreamHeader
{
    public static BitstreamHeader Of(DebugBitstreamInfo bitstream) => new()
    {
        FamilyCode = DeviceCatalog.Find(bitstream.Die).Die.Family.DataFileCode(),
        TypeCode = (byte)BitstreamType.Debug,
        IdCode = bitstream.IdCode,
        Checksum = 0,
        DesignName = bitstream.DesignName,
        DesignVersion = bitstream.DesignVersion,
        BackLevel = 0,
    };
}
