namespace Spps.Formats.Memory;

/// <summary>Bytes at addresses, as a memory file describes them; addresses are offsets within the target client.</summary>
public sealed class MemoryImage
{
    private readonly SortedList<long, byte[]> _segments = [];

    public IEnumerable<(long Address, byte[] Data)> Segments => _segments.Select(pair => (pair.Key, pair.Value));

    /// <summary>One past the highest address with data (0 when empty).</summary>
    public long End => _segments.Count == 0 ? 0 : _segments.Max(pair => pair.Key + pair.Value.Length);

    /// <summary>Where <paramref name="address"/> would be inserted among the segment starts.</summary>
    private int InsertionIndex(long address)
    {
        var keys = _segments.Keys;
        if (keys.Count == 0 || keys[^1] < address)
        {
            return keys.Count; // the usual case: files list their data in address order
        }

        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (keys[middle] < address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public long ByteCount => _segments.Sum(pair => (long)pair.Value.Length);

    /// <summary>Adds data; refuses bytes that another record already set (the file would be ambiguous).</summary>
    internal void Add(long address, byte[] data, string path, int line)
    {
        if (data.Length == 0)
        {
            return;
        }

        // Only the neighbours can overlap: the segment before (if it runs past this start) and the one after.
        var index = InsertionIndex(address);
        if (index > 0 && _segments.Keys[index - 1] + _segments.Values[index - 1].Length > address)
        {
            throw new MemoryFileException(path, line, $"the data at 0x{address:X} overlaps data already given at 0x{_segments.Keys[index - 1]:X}");
        }

        if (index < _segments.Count && _segments.Keys[index] < address + data.Length)
        {
            throw new MemoryFileException(path, line, $"the data at 0x{address:X} overlaps data already given at 0x{_segments.Keys[index]:X}");
        }

        _segments[address] = data;
    }

    /// <summary>
    /// The content of a client of <paramref name="size"/> bytes: the file's data at its offsets, <paramref name="fill"/>
    /// elsewhere. Data beyond the client is refused, naming the client and both sizes.
    /// </summary>
    public byte[] ToClientContent(string client, int size, string path, byte fill = 0x00)
    {
        if (End > size)
        {
            throw new MemoryFileException(path, 0, $"the data ends at 0x{End:X} ({End} bytes), beyond the {size}-byte client '{client}'");
        }

        var content = new byte[size];
        Array.Fill(content, fill);
        foreach (var (address, data) in _segments)
        {
            data.CopyTo(content, address);
        }

        return content;
    }
}
