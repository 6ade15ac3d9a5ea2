using Spps.Formats.Dat;
using Spps.Formats.Stapl;

namespace Spps.Silicon;

/// <summary>
/// A programming file we exported, turned back into what a programmer shifts into the device: the bitstream, its
/// erase component, and the plain UPK1 a DAT file carries when its passkeys were exported.
/// </summary>
public sealed record ProgrammingFile(byte[] Bitstream, byte[] EraseComponent, byte[]? Upk1)
{
    /// <summary>Reads a STAPL (.stp) or DAT (.dat) file by its extension; anything else is refused naming the file.</summary>
    public static ProgrammingFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".stp" => FromStapl(bytes, path),
            ".dat" => FromDat(bytes, path),
            _ => throw new ArgumentException($"'{path}' is not a programming file (expecting a STAPL .stp or a DAT .dat file)."),
        };
    }

    /// <summary>The DATASTREAM of a STAPL file (ACA-compressed): the bitstream, then the erase component.</summary>
    public static ProgrammingFile FromStapl(byte[] bytes, string source)
    {
        var image = StaplImage.From(StaplFile.Read(bytes, source), source);
        return new ProgrammingFile(image.Datastream, image.EraseDatastream, null);
    }

    /// <summary>The DAT file's blocks: datastream (8), erase datastream (9) and the plain UPK1 (6) when exported.</summary>
    public static ProgrammingFile FromDat(byte[] bytes, string source)
    {
        var image = DatFile.Read(bytes, source);
        byte[]? Block(DatBlockId id) => image.Blocks.FirstOrDefault(block => block.Id == id).Data;
        return new ProgrammingFile(
            Block(DatBlockId.Datastream) ?? throw new DatFormatException(source, "it has no datastream block"),
            Block(DatBlockId.EraseDatastream) ?? throw new DatFormatException(source, "it has no erase datastream block"),
            Block(DatBlockId.Upk1));
    }
}
