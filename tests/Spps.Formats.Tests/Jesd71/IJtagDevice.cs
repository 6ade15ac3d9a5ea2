namespace Spps.Formats.Tests.Jesd71;

/// <summary>
/// What a STAPL program talks to: scans at the level of the JTAG registers. Bit 0 of each array is the first bit
/// shifted in at TDI and the first bit shifted out at TDO; the answer has as many bits as the question.
/// </summary>
internal interface IJtagDevice
{
    bool[] ScanInstruction(bool[] tdi);

    bool[] ScanData(bool[] tdi);
}
