namespace Spps.Formats.Jobs;

/// <summary>
/// The public part of a debug job target's DEBUG bitstream (docs/formats/ddc.md): the die and its IDCODE, the design
/// name and version, and the user encryption key (UEK1 or UEK2) under which the M-HSM answers the device's challenge.
/// Its type is DEBUG and its protocol ONE_TIME_PASSCODE, written in the member and checked when it is read.
/// </summary>
public sealed record DebugBitstreamInfo(string Die, uint IdCode, string DesignName, ushort DesignVersion, string KeyMode)
{
    public const string Type = "DEBUG";
    public const string Protocol = "ONE_TIME_PASSCODE";
}
