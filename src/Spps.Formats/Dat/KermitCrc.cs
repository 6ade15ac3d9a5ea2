namespace Spps.Formats.Dat;

/// <summary>The .dat file's CRC: CRC-16/KERMIT (reflected polynomial 0x8408, initial 0, no final XOR), unlike STAPL's.</summary>
public static class KermitCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data) => Update(0, data);

    /// <summary>Continues a CRC over more data, so a file can be checked while it is written.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data) => Crc16Reflected.Update(crc, data);
}
