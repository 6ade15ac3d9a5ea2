using System.Globalization;
using System.Text;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Stapl;

/// <summary>
/// Writes a STAPL programming file for one device, laid out as Microchip's: the NOTE block in FlashPro's order, the
/// seven ACTIONs, DATA blocks (PARAMETERS, GV, BITSTREAM with the ACA-compressed DATASTREAM: the bitstream's components
/// then the erase component), the PROCEDUREs of
/// <see cref="StaplProcedures"/> with the device generation's checks, and the CRC. See docs/formats/stapl.md.
/// </summary>
public static class StaplProgramWriter
{
    /// <summary>The actions and their procedures, in Microchip's order.</summary>
    public static IReadOnlyList<(string Action, string[] Procedures)> Actions { get; } =
    [
        ("ERASE", ["VERIFY_IDCODE", "PROC_ENABLE", "DO_ERASE", "DO_EXIT"]),
        ("PROGRAM", ["VERIFY_IDCODE", "PROC_ENABLE", "DO_PROGRAM", "DO_VERIFY OPTIONAL", "DO_EXIT"]),
        ("VERIFY", ["VERIFY_IDCODE", "PROC_ENABLE", "DO_VERIFY", "DO_EXIT"]),
        ("VERIFY_DIGEST", ["VERIFY_IDCODE", "PROC_ENABLE", "DO_VERIFY_DIGEST", "DO_EXIT"]),
        ("ENC_DATA_AUTHENTICATION", ["VERIFY_IDCODE", "DO_AUTHENTICATION", "DO_EXIT"]),
        ("READ_IDCODE", ["VERIFY_IDCODE", "PRINT_IDCODE", "DO_EXIT"]),
        ("DEVICE_INFO", ["VERIFY_IDCODE", "DO_DEVICE_INFO", "DO_EXIT"]),
    ];

    public static void Write(Stream output, StaplImage image)
    {
        if (image.Datastream.Length * 8L != image.ComponentBlocks.Sum(blocks => (long)blocks) * 128)
        {
            throw new ArgumentException($"The datastream holds {image.Datastream.Length} bytes, not the {image.ComponentBlocks.Sum()} blocks of 16 bytes its components count.", nameof(image));
        }

        if (image.EraseDatastream.Length == 0 || image.EraseDatastream.Length % BitstreamFormat.BlockBytes != 0)
        {
            throw new ArgumentException($"The erase component holds {image.EraseDatastream.Length} bytes, not a whole number (at least one) of 16-byte blocks.", nameof(image));
        }

        var algorithm = StaplAlgorithm.For(image.Die.Family);
        var componentTypes = ComponentTypes(image);
        var text = new StaplTextWriter(output);
        WriteNotes(text, image, algorithm);
        text.Line();
        WriteActions(text);
        text.Line();
        text.Line();
        text.Line();
        WriteData(text, image, algorithm, componentTypes);
        text.Line();
        foreach (var line in StaplProcedures.Text(algorithm, componentTypes).Split('\n'))
        {
            text.Statement(line);
        }

        text.Line();
        text.Line();
        text.Crc();
    }

    public static byte[] ToBytes(StaplImage image)
    {
        using var memory = new MemoryStream();
        Write(memory, image);
        return memory.ToArray();
    }

    // The type of each component (byte 48 of its preamble), which decides the digests VERIFY_DIGEST asks for.
    private static HashSet<byte> ComponentTypes(StaplImage image)
    {
        var types = new HashSet<byte>();
        var offset = 0L;
        foreach (var blocks in image.ComponentBlocks)
        {
            if (blocks * (long)BitstreamFormat.BlockBytes > BitstreamFormat.TypeOffset)
            {
                types.Add(image.Datastream[offset + BitstreamFormat.TypeOffset]);
            }

            offset += blocks * (long)BitstreamFormat.BlockBytes;
        }

        return types;
    }

    private static void WriteNotes(StaplTextWriter text, StaplImage image, StaplAlgorithm algorithm)
    {
        var invariant = CultureInfo.InvariantCulture;
        (string, string)[] notes =
        [
            ("CREATOR", $"{image.Creator} {image.CreatorVersion}"),
            ("CAPTURE", image.CreatorVersion),
            ("DEVICE", image.Device.Name),
            ("PACKAGE", image.PackageNote),
            ("DATE", image.Created.ToString("yyyy/MM/dd", invariant)),
            ("TIME", image.Created.ToString("HH:mm:ss", invariant)),
            ("STAPL_VERSION", "JESD71"),
            ("VENDOR", "Microsemi Corporation"),
            ("IDCODE", image.Die.IdCode.ToString("X8", invariant)),
            ("IDMASK", image.Die.IdCodeMask.ToString("X8", invariant)),
            ("DESIGN", image.DesignName),
            ("DESIGN_DIRECTORY", string.Empty),
            ("CHECKSUM", image.Checksum.ToString("X4", invariant)),
            ("SECURITY", image.ProgramsSecurity ? "Enable" : "Disable"),
            ("ALG_VERSION", algorithm.AlgorithmVersion.ToString(invariant)),
            ("MAP_VERSION", "0"),
            ("TOOL_VERSION", "1"),
            ("MAX_FREQ", (StaplImage.FrequencyMhz * 1_000_000).ToString(invariant)),
            ("SILSIG", image.SiliconSignature.ToString("X8", invariant)),
            ("SPEED_GRAD", "STD"),
            ("TEMP_GRAD", "COM"),
            ("PLAYER_VERSION_VARIABLE", "PLAYERVERSIONVARIABLE"),
            ("PLAYER_VERSION_SW_VARIABLE", "PLAYERVERSIONSWVARIABLE"),
        ];
        foreach (var (key, value) in notes)
        {
            if (value.Contains('"', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The {key} note cannot hold a double quote: '{value}'.", nameof(image));
            }

            text.Line($"NOTE \"{key}\" \"{value}\";");
        }
    }

    private static void WriteActions(StaplTextWriter text)
    {
        foreach (var (action, procedures) in Actions)
        {
            text.Line($"ACTION {action} = ");
            for (var i = 0; i < procedures.Length; i++)
            {
                text.Line($"       {procedures[i]}{(i == procedures.Length - 1 ? ";" : ",")}");
            }
        }
    }

    private static void WriteData(StaplTextWriter text, StaplImage image, StaplAlgorithm algorithm, IReadOnlyCollection<byte> componentTypes)
    {
        text.Line("DATA PARAMETERS;");
        text.Line($"    INTEGER FREQ ={StaplImage.FrequencyMhz};");
        text.Line("ENDDATA;");
        text.Line();
        text.Line("DATA GV;");
        foreach (var declaration in StaplProcedures.Globals(algorithm, componentTypes))
        {
            text.Line($"    {declaration};");
        }

        text.Line($"    BOOLEAN IDCODEVALUE[32] = ${StaplHexLiteral.Encode(image.Die.IdCode)};");
        text.Line($"    BOOLEAN IDMASK[32] = ${StaplHexLiteral.Encode(image.Die.IdCodeMask)};");
        text.Line("ENDDATA;");
        text.Line();
        // The program components, then the erase component, as Microchip's files lay them out.
        int[] blocks = [.. image.ComponentBlocks, image.EraseDatastream.Length / BitstreamFormat.BlockBytes];
        text.Line("DATA BITSTREAM;");
        text.Line($"    INTEGER NUMOFCOMPONENTS ={blocks.Length};");
        text.Line($"    INTEGER DATASIZE ={image.ComponentBlocks.Count};");
        text.Line("    INTEGER DATAERASESIZE =1;");
        text.Line($"    INTEGER DATAERASESTARTINDEX ={image.Datastream.Length * 8L};");
        var countBits = blocks.Length * BlockCounts.BitsPerCount;
        text.Literal($"    BOOLEAN NUMOFBLOCKS[{countBits}] = $", Encoding.ASCII.GetBytes(StaplHexLiteral.Encode(BlockCounts.Pack(blocks), countBits)));
        var datastream = text.BeginLiteral($"    BOOLEAN DATASTREAM[{(image.Datastream.Length + (long)image.EraseDatastream.Length) * 8}] = @");
        AcaEncoder.Encode(image.Datastream, image.EraseDatastream, datastream);
        datastream.End();
        text.Line("ENDDATA;");
    }
}
