namespace Spps.Formats.Memory;

/// <summary>A memory file cannot be used; the message gives the file, the line (when there is one) and the reason.</summary>
public sealed class MemoryFileException(string path, int line, string reason)
    : Exception(line > 0 ? $"{path}, line {line}: {reason}." : $"{path}: {reason}.")
{
    public string Path { get; } = path;

    public int Line { get; } = line;
}
