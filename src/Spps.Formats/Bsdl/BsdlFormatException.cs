namespace Spps.Formats.Bsdl;

/// <summary>A BSDL file cannot be read; the message gives the file, the line and the reason.</summary>
public sealed class BsdlFormatException(string source, int line, string reason)
    : Exception(line > 0 ? $"{source}, line {line}: {reason}." : $"{source}: {reason}.")
{
    public int Line { get; } = line;
}
