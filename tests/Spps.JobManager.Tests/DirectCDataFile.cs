using System.Buffers.Binary;

namespace Spps.JobManager.Tests;

/// <summary>
/// A .dat file read the way DirectC reads it (reference/formats.md §3.2: dpcom.c's block lookup and the G4/G5
/// algorithms' component loops), written apart from <c>DatFile</c> so it checks our layout rather than repeats it:
/// the header fields at their offsets, the lookup table after the header, 22-bit block counts read 4 bytes at a time
/// from block 5, and the 128-bit frames an action shifts, from the start of its data block.
/// </summary>
internal sealed class DirectCDataFile(byte[] image)
{
    private const int DatastreamBlock = 8;
    private const int EraseDatastreamBlock = 9;

    /// <summary>NUMOFCOMPONENT: every component, the erase components included.</summary>
    public int Components => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(53));

    /// <summary>DATASIZE: the program components.</summary>
    public int DataSize => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(55));

    /// <summary>ERASEDATASIZE: the erase components, the last ones.</summary>
    public int EraseDataSize => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(57));

    /// <summary>PROGRAM (and VERIFY, AUTHENTICATE): components 1 to DATASIZE from the datastream block.</summary>
    public List<byte[]> ProgramFrames() => Frames(DatastreamBlock, 1, DataSize);

    /// <summary>ERASE: components NUMOFCOMPONENT − ERASEDATASIZE + 1 to NUMOFCOMPONENT from the erase datastream block.</summary>
    public List<byte[]> EraseFrames() => Frames(EraseDatastreamBlock, Components - (EraseDataSize - 1), Components);

    private List<byte[]> Frames(int blockId, int firstComponent, int lastComponent)
    {
        var (start, length) = Block(blockId);
        var frames = new List<byte[]>();
        var at = start;
        for (var component = firstComponent; component <= lastComponent; component++)
        {
            for (var block = 0; block < BlockCount(component); block++, at += 16)
            {
                Assert.True(at + 16 <= start + length, $"component {component} runs past the end of block {blockId}");
                frames.Add(image[at..(at + 16)]);
            }
        }

        return frames;
    }

    private int BlockCount(int component)
    {
        var (start, _) = Block(5);
        var bit = (component - 1) * 22;
        return (int)((BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(start + bit / 8)) >> (bit % 8)) & 0x3FFFFF);
    }

    // The lookup table follows the header; the header's last byte is the number of records (id, start, length).
    private (int Start, int Length) Block(int id)
    {
        int headerSize = image[24];
        for (var record = headerSize; record < headerSize + 9 * image[headerSize - 1]; record += 9)
        {
            if (image[record] == id)
            {
                return ((int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(record + 1)), (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(record + 5)));
            }
        }

        throw new InvalidOperationException($"the file has no block {id}");
    }
}
