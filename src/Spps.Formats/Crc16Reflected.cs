using System.Buffers.Binary;

namespace Spps.Formats;

/// <summary>
/// CRC-16 with the reflected polynomial 0x8408 (0x1021 reflected), shared by the STAPL CRC and the .dat CRC
/// (KERMIT), which differ only in their initial value and final complement. Computed by slicing: 16 bytes a step,
/// each looked up in its own table (table k holds a byte's effect after k more bytes), so the 16 lookups are
/// independent instead of one chain of 16 — about ten times the speed of a byte at a time, which made the CRC the
/// largest cost of writing a .dat file.
/// </summary>
internal static class Crc16Reflected
{
    private const int Slice = 16;

    private static readonly ushort[] _tables = BuildTables();

    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ushort> tables = _tables;
        while (data.Length >= Slice)
        {
            // The CRC so far folds into the first two bytes; the first byte has the most bytes after it (table 15).
            var first = BinaryPrimitives.ReadUInt64LittleEndian(data) ^ crc;
            var second = BinaryPrimitives.ReadUInt64LittleEndian(data[8..]);
            crc = (ushort)(Lookup(tables, 15, first) ^ Lookup(tables, 14, first >> 8) ^ Lookup(tables, 13, first >> 16) ^ Lookup(tables, 12, first >> 24)
                           ^ Lookup(tables, 11, first >> 32) ^ Lookup(tables, 10, first >> 40) ^ Lookup(tables, 9, first >> 48) ^ Lookup(tables, 8, first >> 56)
                           ^ Lookup(tables, 7, second) ^ Lookup(tables, 6, second >> 8) ^ Lookup(tables, 5, second >> 16) ^ Lookup(tables, 4, second >> 24)
                           ^ Lookup(tables, 3, second >> 32) ^ Lookup(tables, 2, second >> 40) ^ Lookup(tables, 1, second >> 48) ^ Lookup(tables, 0, second >> 56));
            data = data[Slice..];
        }

        foreach (var value in data)
        {
            crc = (ushort)((crc >> 8) ^ tables[(crc ^ value) & 0xFF]);
        }

        return crc;
    }

    private static ushort Lookup(ReadOnlySpan<ushort> tables, int table, ulong value) => tables[(table << 8) | (int)(value & 0xFF)];

    private static ushort[] BuildTables()
    {
        var tables = new ushort[Slice << 8];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }

            tables[i] = crc;
        }

        for (var i = 256; i < tables.Length; i++)
        {
            var previous = tables[i - 256];
            tables[i] = (ushort)((previous >> 8) ^ tables[previous & 0xFF]);
        }

        return tables;
    }
}
