namespace Spps.Formats.Dat;

/// <summary>The .dat file's CRC: CRC-16/KERMIT (reflected polynomial 0x8408, initial 0, no final XOR), unlike STAPL's.</summary>
public static class KermitCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
