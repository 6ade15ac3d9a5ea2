namespace Spps.Formats.Memory;

/// <summary>
/// Reads a memory file for an eNVM or sNVM client: Intel HEX, Motorola S-records, or raw binary. The format is
/// told by the extension (.hex .ihx .ihex; .srec .s19 .s28 .s37 .mot; .bin .raw), else by the first character.
/// </summary>
public static class MemoryFileReader
{
    private static readonly string[] _hexExtensions = [".hex", ".ihx", ".ihex"];
    private static readonly string[] _srecExtensions = [".srec", ".s19", ".s28", ".s37", ".mot"];
    private static readonly string[] _binaryExtensions = [".bin", ".raw"];

    public static MemoryImage Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new MemoryFileException(path, 0, "the file does not exist");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (_binaryExtensions.Contains(extension))
        {
            return Binary(path);
        }

        using var reader = new StreamReader(path);
        if (_hexExtensions.Contains(extension))
        {
            return IntelHexReader.Read(reader, path);
        }

        if (_srecExtensions.Contains(extension))
        {
            return SRecordReader.Read(reader, path);
        }

        var first = (char)reader.Peek();
        return first == ':' ? IntelHexReader.Read(reader, path)
            : first is 'S' or 's' ? SRecordReader.Read(reader, path)
            : Binary(path);
    }

    private static MemoryImage Binary(string path)
    {
        var image = new MemoryImage();
        image.Add(0, File.ReadAllBytes(path), path, 0);
        return image;
    }
}
