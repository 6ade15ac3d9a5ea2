using Spps.Devices;
using Spps.Formats.Dat;
using Spps.Formats.Stapl;
using Spps.Silicon;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Programmer;

/// <summary>A STAPL or DAT file the Job Manager exported, read for program_file; anything else is refused naming the file.</summary>
public static class PlainFile
{
    /// <summary>A programming file is at most as large as a job (the biggest die's bitstream, hex-coded, fits well below).</summary>
    private const long MaximumBytes = 1L << 30;

    public static ProgrammingFile Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".stp" or ".dat"))
        {
            throw new DomainException($"The programming file '{path}' is not one program_file takes: expecting a STAPL (.stp) or DAT (.dat) file the Job Manager exported.",
                "BADFILE", path);
        }

        var bytes = InputFile.ReadAllBytes(path, "programming file", MaximumBytes);
        try
        {
            return extension == ".stp" ? ProgrammingFile.FromStapl(bytes, path) : ProgrammingFile.FromDat(bytes, path);
        }
        catch (Exception error) when (error is StaplFormatException or AcaFormatException or DatFormatException or FormatException)
        {
            throw new DomainException($"The programming file '{path}' cannot be used: {error.Message.TrimEnd('.')}. Export it again with the Job Manager.", "BADFILE", path);
        }
    }
}
