namespace Spps.Formats.Files;

/// <summary>What a program is about to make at an output path.</summary>
public enum OutputKind
{
    File,
    Folder,
}
