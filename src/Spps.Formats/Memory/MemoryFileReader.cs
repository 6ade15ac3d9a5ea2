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

        try
        {
            using var content = File.OpenRead(path);
            return Read(content, path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new MemoryFileException(path, 0, $"the file cannot be read ({error.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Reads a memory file's content; <paramref name="path"/> gives the format by its extension and is named in errors.</summary>
    public static MemoryImage Read(Stream content, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (_binaryExtensions.Contains(extension))
        {
            return Binary(content, path);
        }

        using var reader = new StreamReader(content, leaveOpen: true);
        if (_hexExtensions.Contains(extension))
        {
            return IntelHexReader.Read(reader, path);
        }

        if (_srecExtensions.Contains(extension))
        {
            return SRecordReader.Read(reader, path);
        }

        var first = (char)reader.Peek();
        if (first == ':')
        {
            return IntelHexReader.Read(reader, path);
        }

        if (first is 'S' or 's')
        {
            return SRecordReader.Read(reader, path);
        }

        content.Position = 0; // the peek read ahead; binary data is taken from the first byte
        return Binary(content, path);
    }

    private static MemoryImage Binary(Stream content, string path)
    {
        using var bytes = new MemoryStream();
        content.CopyTo(bytes);
        var image = new MemoryImage();
        image.Add(0, bytes.ToArray(), path, 0);
        return image;
    }
}
