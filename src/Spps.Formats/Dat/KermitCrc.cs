namespace Spps.Formats.Dat;

/// <summary>The .dat file's CRC: CRC-16/KERMIT (reflected polynomial 0x8408, initial 0, no final XOR), unlike STAPL's.</summary>
public static class KermitCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var value in data)
        {
            crc = Crc16Reflected.Update(crc, value);
        }

        return crc;
    }
}
