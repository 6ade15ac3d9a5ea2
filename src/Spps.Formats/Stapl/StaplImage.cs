using System.Globalization;
using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Stapl;

/// <summary>
/// What a STAPL programming file of ours says: the device and design facts of its NOTE block, when and by what it was
/// made, the bitstream (datastream and the block count of each component) and the erase component. <see cref="StaplProgramWriter"/>
/// writes it; <see cref="From"/> reads it back from a file, so write → read → write gives the same bytes.
/// </summary>
public sealed record StaplImage
{
    /// <summary>The device as ordered (the DEVICE note), e.g. M2S010S; its die gives IDCODE and algorithm.</summary>
    public required DeviceVariant Device { get; init; }

    public Die Die => Device.Die;

    /// <summary>The package as the design names it (e.g. <c>vf256</c>); the PACKAGE note is <c>die-package</c>.</summary>
    public required string Package { get; init; }

    public required string DesignName { get; init; }

    public required ushort Checksum { get; init; }

    public required uint SiliconSignature { get; init; }

    /// <summary>Whether the bitstream programs security settings (NOTE "SECURITY" "Enable").</summary>
    public required bool ProgramsSecurity { get; init; }

    /// <summary>The program that made the file and its version, for the CREATOR and CAPTURE notes.</summary>
    public required string Creator { get; init; }

    public required string CreatorVersion { get; init; }

    /// <summary>Local time of creation, to the second (the DATE and TIME notes).</summary>
    public required DateTime Created { get; init; }

    /// <summary>The bitstream: the components PROGRAM, VERIFY and ENC_DATA_AUTHENTICATION shift.</summary>
    public required byte[] Datastream { get; init; }

    /// <summary>The number of 128-bit blocks of each component of <see cref="Datastream"/>.</summary>
    public required IReadOnlyList<int> ComponentBlocks { get; init; }

    /// <summary>
    /// The erase component ERASE shifts (<see cref="EraseComponent"/>), written after the bitstream's components in
    /// DATASTREAM, as Microchip's files carry theirs (DATAERASESIZE, DATAERASESTARTINDEX).
    /// </summary>
    public required byte[] EraseDatastream { get; init; }

    /// <summary>The JTAG clock the file asks for, in MHz (DATA PARAMETERS, FREQ).</summary>
    public const int FrequencyMhz = 4;

    public string PackageNote => $"{Device.Name}-{Package.ToLowerInvariant()}";

    /// <summary>Reads back a file written by <see cref="StaplProgramWriter"/>; files of other origins are refused.</summary>
    public static StaplImage From(StaplFile file, string source)
    {
        string Note(string key) => RequiredNote(file, key, source);
        if (!DeviceCatalog.TryFind(Note("DEVICE"), out var device) || device is null)
        {
            throw Invalid(source, $"its DEVICE '{Note("DEVICE")}' is not a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device");
        }

        var package = Note("PACKAGE");
        if (!package.StartsWith(device.Name + "-", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(source, $"its PACKAGE '{package}' does not name the device {device.Name}");
        }

        var datastream = file.BooleanArray("BITSTREAM", "DATASTREAM") ?? throw Invalid(source, "it has no BITSTREAM.DATASTREAM array");
        var blocks = file.BooleanArray("BITSTREAM", "NUMOFBLOCKS") ?? throw Invalid(source, "it has no BITSTREAM.NUMOFBLOCKS array");
        int Integer(string name) => file.Integer("BITSTREAM", name) ?? throw Invalid(source, $"it has no INTEGER BITSTREAM.{name}");
        var (programComponents, eraseStart) = (Integer("DATASIZE"), Integer("DATAERASESTARTINDEX"));
        var counts = BlockCounts.Unpack(blocks.Data, blocks.Bits / BlockCounts.BitsPerCount);
        if (Integer("DATAERASESIZE") != 1 || programComponents < 1 || counts.Length != programComponents + 1
            || counts[..programComponents].Sum(count => (long)count) * 128 != eraseStart
            || counts.Sum(count => (long)count) * 128 != datastream.Bits)
        {
            throw Invalid(source, "its DATASIZE, DATAERASESIZE, DATAERASESTARTINDEX and NUMOFBLOCKS do not describe program components followed by one erase component");
        }

        var moment = $"{Note("DATE")} {Note("TIME")}";
        var created = DateTime.TryParseExact(moment, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Invalid(source, $"its DATE and TIME notes '{moment}' are not a time written yyyy/MM/dd HH:mm:ss");
        var capture = Note("CAPTURE");
        var creator = Note("CREATOR");
        return new StaplImage
        {
            Device = device,
            Package = package[(device.Name.Length + 1)..],
            DesignName = Note("DESIGN"),
            Checksum = (ushort)HexNote(file, "CHECKSUM", 4, source),
            SiliconSignature = HexNote(file, "SILSIG", 8, source),
            ProgramsSecurity = Note("SECURITY") == "Enable",
            Creator = creator.EndsWith(" " + capture, StringComparison.Ordinal) ? creator[..^(capture.Length + 1)] : creator,
            CreatorVersion = capture,
            Created = created,
            Datastream = datastream.Data[..(eraseStart / 8)],
            ComponentBlocks = counts[..programComponents],
            EraseDatastream = datastream.Data[(eraseStart / 8)..],
        };
    }

    private static string RequiredNote(StaplFile file, string key, string source) => file.Note(key) ?? throw Invalid(source, $"it has no NOTE \"{key}\"");

    private static uint HexNote(StaplFile file, string key, int digits, string source)
    {
        var text = RequiredNote(file, key, source);
        return text.Length == digits && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(source, $"its {key} note '{text}' is not {digits} hexadecimal digits");
    }

    private static StaplFormatException Invalid(string source, string reason) => new(source, 0, reason);
}
