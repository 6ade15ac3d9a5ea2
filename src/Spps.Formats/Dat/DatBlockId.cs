namespace Spps.Formats.Dat;

/// <summary>Data block ids of a .dat file, numbered as DirectC numbers them (the same for G4 and G5).</summary>
public enum DatBlockId : byte
{
    Header = 0,
    UserInfo = 1,
    DesignName = 2,
    BsrPattern = 3,
    BsrPatternMask = 4,
    NumberOfBlocks = 5,
    Upk1 = 6,
    Upk2 = 7,
    Datastream = 8,
    EraseDatastream = 9,
    VerifyDatastream = 10,
    EnvmDatastream = 11,
    EnvmVerifyDatastream = 12,
    Dpk = 13,
}
