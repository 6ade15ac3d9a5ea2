namespace Spps.Formats;

/// <summary>
/// Byte-at-a-time CRC-16 with the reflected polynomial 0x8408 (0x1021 reflected), shared by the STAPL CRC and
/// the .dat CRC (KERMIT), which differ only in their initial value and final complement.
/// </summary>
internal static class Crc16Reflected
{
    private static readonly ushort[] _table = BuildTable();

    public static ushort Update(ushort crc, byte value) => (ushort)((crc >> 8) ^ _table[(crc ^ value) & 0xFF]);

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
