using Spps.Devices;
using Spps.Formats.Bsdl;

namespace Spps.Silicon.Benches;

/// <summary>
/// A chain as <c>spps-bench create --chain</c> writes it, from TDI, comma-separated: a die name of the catalog
/// (<c>M2S025</c>, <c>MPF300T</c>: a device name stands for its die) or <c>bsdl:PATH</c> for another maker's device,
/// whose BSDL file gives its name, IDCODE and instruction register length.
/// </summary>
public static class ChainSpec
{
    public const string BsdlPrefix = "bsdl:";

    public const string Accepted =
        "a comma-separated list, from TDI, of Microchip die names of the catalog (such as M2S025 or MPF300T) or bsdl:PATH for another maker's device";

    // A BSDL file is text of some hundred kilobytes at most; a larger file is not one.
    private const long MaxBsdlBytes = 16 * 1024 * 1024;

    public static IReadOnlyList<ChainEntry> Parse(string spec)
    {
        var items = spec.Split(',');
        if (items.Any(item => item.Trim().Length == 0))
        {
            throw new BenchException($"--chain '{spec}' has an empty device: expecting {Accepted}.");
        }

        return [.. items.Select(item => Entry(item.Trim(), spec))];
    }

    private static ChainEntry Entry(string item, string spec)
    {
        if (item.StartsWith(BsdlPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Bsdl(item[BsdlPrefix.Length..], spec);
        }

        try
        {
            return ChainEntry.Microchip(DeviceCatalog.Find(item).Die);
        }
        catch (UnknownDeviceException error)
        {
            var closest = error.Suggestions.Count > 0 ? $" (the closest are {string.Join(", ", error.Suggestions)})" : string.Empty;
            throw new BenchException($"--chain '{spec}': unknown die '{item}'{closest}: expecting {Accepted}.");
        }
    }

    private static ChainEntry Bsdl(string path, string spec)
    {
        if (path.Length == 0)
        {
            throw new BenchException($"--chain '{spec}': 'bsdl:' names no file: expecting bsdl:PATH of a BSDL file.");
        }

        byte[] bytes;
        try
        {
            bytes = new FileInfo(path).Length <= MaxBsdlBytes
                ? File.ReadAllBytes(path)
                : throw new BenchException($"--chain: the BSDL file '{path}' is larger than {MaxBsdlBytes / 1024 / 1024} MB: expecting a BSDL file.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new BenchException($"--chain: the BSDL file '{path}' cannot be read ({error.Message.TrimEnd('.')}): expecting bsdl:PATH of a readable BSDL file.");
        }

        try
        {
            var bsdl = BsdlFile.Read(bytes, path);
            return ChainEntry.Bypass(bsdl.Entity, bsdl.IdCode?.Value, bsdl.InstructionLength);
        }
        catch (BsdlFormatException error)
        {
            throw new BenchException($"--chain: the BSDL file '{path}' is not a valid BSDL file: {error.Message}");
        }
    }
}
