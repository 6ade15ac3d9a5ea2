using System.Globalization;
using Spps.Devices;
using Spps.Formats.Spi;
using Spps.Tcl.Commands;
using Spps.Workspace.Storage;

namespace Spps.JobManager.SpiDirectory;

/// <summary>The SPI Directory command of the command reference (15.4.8.5.2), for SmartFusion 2 and IGLOO 2. No project is needed.</summary>
public static class SpiDirectoryCommands
{
    public const string Area = "SPI Directory";

    public static IReadOnlyList<CommandSpec> Create() =>
    [
        new("export_spi_directory", Area, "Writes an SPI flash directory (SmartFusion 2, IGLOO 2): where the golden and update images are, and their design versions.",
        [
            OptionSpec.Text("golden_ver", "value or SPI file", "Design version of the golden image: decimal below 65536, or an SPI file to read it from."),
            OptionSpec.Text("golden_addr", "hex value", "Address of the golden image: 32-bit hexadecimal with 0x or 0X."),
            OptionSpec.Text("update_ver", "value or SPI file", "Design version of the update image: decimal below 65536, or an SPI file to read it from."),
            OptionSpec.Text("update_addr", "hex value", "Address of the update image: 32-bit hexadecimal with 0x or 0X."),
            OptionSpec.Path("file", "file_name", "The directory file to write.", required: true),
        ], (context, options) =>
        {
            var golden = Image(options, "golden");
            var update = Image(options, "update");
            if (golden is null && update is null)
            {
                throw new DomainException("Give the golden image (-golden_ver and -golden_addr), the update image (-update_ver and -update_addr), or both.", "MISSING", "golden_ver");
            }

            var path = Path.GetFullPath(options.Text("file"));
            if (File.Exists(path))
            {
                context.Warning($"Replacing the existing file '{path}'.");
            }

            AtomicFile.WriteAllBytes(path, Formats.Spi.SpiDirectory.ToBytes(golden, update));
            context.Info($"Wrote the SPI directory '{path}'" +
                         (golden is null ? string.Empty : $"; golden image at 0x{golden.Address:X8}, version {golden.Version}") +
                         (update is null ? string.Empty : $"; update image at 0x{update.Address:X8}, version {update.Version}") + ".");
            return path;
        })
        {
            Example = """
            export_spi_directory -golden_ver {123} -golden_addr {0xabc} \
                -update_ver {456} -update_addr {0xdef} -file {dev.spidir}
            """,
            Description = "Both golden options go together, and both update options. The directory is 12 bytes, little-endian: golden address (u32), " +
                          "golden version (u16), update address (u32), update version (u16); an image not given is written as zeros.",
        },
    ];

    private static SpiImage? Image(ParsedOptions options, string which)
    {
        var version = options.OptionalText(which + "_ver");
        var address = options.OptionalText(which + "_addr");
        if (version is null && address is null)
        {
            return null;
        }

        if (version is null || address is null)
        {
            var missing = version is null ? which + "_ver" : which + "_addr";
            throw new DomainException($"-{which}_ver and -{which}_addr go together: give -{missing} too.", "MISSING", missing);
        }

        return new SpiImage(Address(which + "_addr", address), Version(which + "_ver", version));
    }

    private static uint Address(string option, string text) =>
        text.Length is > 2 and <= 10 && text[0] == '0' && text[1] is 'x' or 'X'
        && uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address)
            ? address
            : throw new DomainException($"{option}: Invalid argument value: '{text}' (expecting a 32-bit hexadecimal value with prefix 0x or 0X, such as 0x400).", "BADVALUE", "-" + option, text);

    private static ushort Version(string option, string text)
    {
        if (text.All(char.IsAsciiDigit) && text.Length > 0)
        {
            return ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw new DomainException($"{option}: Invalid argument value: '{text}' (expecting a decimal value less than 65536, or an SPI file).", "BADVALUE", "-" + option, text);
        }

        if (File.Exists(text))
        {
            Formats.Bitstreams.BitstreamHeader header;
            try
            {
                header = Formats.Bitstreams.BitstreamFormat.Read(File.ReadAllBytes(text)).Header;
            }
            catch (FormatException error)
            {
                throw new DomainException($"{option}: the file '{text}' is not an SPI file of this Job Manager: {error.Message}.", "BADVALUE", "-" + option, text);
            }

            return header.FamilyCode == 5
                ? header.DesignVersion
                : throw new DomainException($"{option}: the SPI file '{text}' is for a PolarFire family device; the SPI directory is for SmartFusion 2 and IGLOO 2.", "FAMILY", "-" + option, text);
        }

        throw new DomainException($"{option}: Invalid argument value: '{text}' (expecting a decimal value less than 65536, or an existing SPI file).", "BADVALUE", "-" + option, text);
    }
}
