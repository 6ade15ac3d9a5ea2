namespace Spps.Formats.Memory;

/// <summary>
/// Bytes at addresses, as a memory file describes them; addresses are offsets within the target client. Records that
/// continue where the previous one ended (the usual case) extend one segment, so a large file is a few segments,
/// not one per record.
/// </summary>
public sealed class MemoryImage
{
    private readonly SortedList<long, Segment> _segments = [];

    public IEnumerable<(long Address, byte[] Data)> Segments => _segments.Values.Select(segment => (segment.Start, segment.ToArray()));

    /// <summary>One past the highest address with data (0 when empty).</summary>
    public long End => _segments.Count == 0 ? 0 : _segments.Values.Max(segment => segment.End);

    public long ByteCount => _segments.Values.Sum(segment => (long)segment.Length);

    /// <summary>Adds data; refuses bytes that another record already set (the file would be ambiguous).</summary>
    internal void Add(long address, ReadOnlySpan<byte> data, string path, int line)
    {
        if (data.IsEmpty)
        {
            return;
        }

        // Only the neighbours can overlap: the segment before (if it runs past this start) and the one after.
        var index = InsertionIndex(address);
        var before = index > 0 ? _segments.Values[index - 1] : null;
        if (before is not null && before.End > address)
        {
            throw new MemoryFileException(path, line, $"the data at 0x{address:X} overlaps data already given at 0x{before.Start:X}");
        }

        if (index < _segments.Count && _segments.Keys[index] < address + data.Length)
        {
            throw new MemoryFileException(path, line, $"the data at 0x{address:X} overlaps data already given at 0x{_segments.Keys[index]:X}");
        }

        if (before is not null && before.End == address && (index == _segments.Count || _segments.Keys[index] >= address + data.Length))
        {
            before.Append(data);
        }
        else
        {
            var segment = new Segment(address);
            segment.Append(data);
            _segments.Add(address, segment);
        }
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
        foreach (var segment in _segments.Values)
        {
            segment.CopyTo(content);
        }

        return content;
    }

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

    /// <summary>A run of contiguous bytes that grows by appending.</summary>
    private sealed class Segment(long start)
    {
        private byte[] _buffer = new byte[64];

        public long Start { get; } = start;

        public int Length { get; private set; }

        public long End => Start + Length;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (Length + data.Length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + data.Length));
            }

            data.CopyTo(_buffer.AsSpan(Length));
            Length += data.Length;
        }

        public void CopyTo(byte[] content) => _buffer.AsSpan(0, Length).CopyTo(content.AsSpan((int)Start));

        public byte[] ToArray() => _buffer[..Length];
    }
}
