using System.Globalization;
using Spps.Devices;
using Spps.Formats.Stapl;

namespace Spps.JobManager.Jobs;

/// <summary>
/// What a chain needs from an existing STAPL file of a Microchip device: the device and IDCODE, and the design it
/// programs, from the file's notes. Files of other makers' devices, or whose IDCODE is not their device's, are refused.
/// </summary>
internal sealed record MicrochipStapl(DeviceVariant Device, uint IdCode, string? DesignName, string? DesignChecksum)
{
    private const uint MicrochipManufacturer = 0x1CF;

    public static MicrochipStapl Read(string path, string option)
    {
        StaplFile file;
        try
        {
            file = StaplFile.Read(File.ReadAllBytes(path), path);
        }
        catch (StaplFormatException error)
        {
            throw new DomainException($"Parameter '{option}': {error.Message}", "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The STAPL file '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }

        var deviceNote = file.Note("DEVICE");
        if (deviceNote is null || !DeviceCatalog.TryFind(deviceNote, out var device) || device is null)
        {
            throw NotMicrochip(path, option, deviceNote is null ? "it has no DEVICE note" : $"its DEVICE note names '{deviceNote}'");
        }

        var idCode = device.Die.IdCode;
        if (file.Note("IDCODE") is { } idNote)
        {
            if (!uint.TryParse(idNote, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out idCode) || (idCode & 0xFFF) != MicrochipManufacturer)
            {
                throw NotMicrochip(path, option, $"its IDCODE note '{idNote}' is not a Microchip IDCODE (manufacturer 0x1CF)");
            }

            if ((idCode & device.Die.IdCodeMask) != device.Die.IdCode)
            {
                throw new DomainException(
                    $"Parameter '{option}': the STAPL file '{path}' names device {device.Name} but its IDCODE {idNote} is not that device's ({device.Die.IdCodeText}).",
                    "BADVALUE", "-" + option, path);
            }
        }

        return new MicrochipStapl(device, idCode, file.Note("DESIGN"), file.Note("CHECKSUM"));
    }

    private static DomainException NotMicrochip(string path, string option, string reason) =>
        new($"Parameter '{option}': '{path}' is not a STAPL file of a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device: {reason}.",
            "NOTMICROCHIP", "-" + option, path);
}
