using Spps.Formats.Bitstreams;
using Spps.Formats.Dat;

namespace Spps.JobManager.ProgrammingData;

/// <summary>The file formats a built bitstream is exported in.</summary>
internal static class BitstreamFiles
{
    /// <summary>
    /// An SPI file is the bitstream itself, as an SPI flash image (the design version at header offset 0x17D). It has no
    /// erase component: the device programs itself from the flash, and ERASE is a JTAG action (docs/formats/bitstream.md).
    /// </summary>
    public static byte[] Spi(BuiltBitstream bitstream) => bitstream.Bytes;

    /// <summary>
    /// A DirectC .dat file: the datastream (block 8), the erase component after it (block 9, ERASEDATASIZE 1), the block
    /// counts of both, and plain UPKs when their export is enabled.
    /// </summary>
    public static DatImage Dat(BuiltBitstream bitstream, BitstreamHeader header, EffectiveDesign effective, BitstreamEntry entry)
    {
        var blocks = new List<(DatBlockId, byte[])>();
        if (entry.EnablePasskeyExport)
        {
            foreach (var (name, id) in new[] { ("UPK1", DatBlockId.Upk1), ("UPK2", DatBlockId.Upk2) })
            {
                if (BitstreamPlanner.KeyValue(effective, name) is { } value)
                {
                    blocks.Add((id, value));
                }
            }
        }

        blocks.Add((DatBlockId.Datastream, bitstream.Bytes));
        blocks.Add((DatBlockId.EraseDatastream, EraseComponent.For(bitstream.Bytes)));
        var policy = effective.Policy;
        return new DatImage
        {
            Family = header.FamilyCode,
            IdCode = header.IdCode,
            IdMask = header.IdMask,
            SiliconSignature = header.SiliconSignature,
            Checksum = header.Checksum,
            DataSize = (ushort)bitstream.ComponentBlocks.Count,
            EraseDataSize = 1,
            Uek1 = policy.Uek1Enabled,
            Uek2 = policy.Uek2Enabled,
            Uek3 = policy.Uek3Enabled,
            ComponentBlocks = [.. bitstream.ComponentBlocks, EraseComponent.Blocks],
            Blocks = blocks,
        };
    }
}
