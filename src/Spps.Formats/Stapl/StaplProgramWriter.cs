using System.Globalization;
using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Stapl;

/// <summary>
/// Writes a STAPL programming file for one device, laid out as Microchip's: the NOTE block in FlashPro's order, the
/// seven ACTIONs, DATA blocks (PARAMETERS, GV, BITSTREAM with the ACA-compressed DATASTREAM), the PROCEDUREs of
/// <see cref="StaplProcedures"/> with the device generation's opcodes, and the CRC. See docs/formats/stapl.md.
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

    /// <summary>The action codes SET_MODE shifts with FRAME_INIT.</summary>
    public static IReadOnlyList<(string Name, int Code)> ActionCodes { get; } =
        [("ACTION_PROG", 1), ("ACTION_VER", 2), ("ACTION_ERA", 3), ("ACTION_AUTH", 4), ("ACTION_DIGEST", 5)];

    public static void Write(Stream output, StaplImage image)
    {
        if (image.Datastream.Length * 8L != image.ComponentBlocks.Sum(blocks => (long)blocks) * 128)
        {
            throw new ArgumentException($"The datastream holds {image.Datastream.Length} bytes, not the {image.ComponentBlocks.Sum()} blocks of 16 bytes its components count.", nameof(image));
        }

        var text = new StaplTextWriter(output);
        WriteNotes(text, image);
        text.Line();
        WriteActions(text);
        text.Line();
        text.Line();
        text.Line();
        WriteData(text, image);
        text.Line();
        foreach (var line in StaplProcedures.Text(JtagOpcodes.For(image.Die.Family)).Split('\n'))
        {
            text.Line(line.TrimEnd('\r'));
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

    private static void WriteNotes(StaplTextWriter text, StaplImage image)
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
            ("ALG_VERSION", image.Die.Family.IsG4() ? "2" : "1"),
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

    private static void WriteData(StaplTextWriter text, StaplImage image)
    {
        text.Line("DATA PARAMETERS;");
        text.Line($"    INTEGER FREQ ={StaplImage.FrequencyMhz};");
        text.Line("ENDDATA;");
        text.Line();
        text.Line("DATA GV;");
        foreach (var declaration in (string[])["BOOLEAN ID[32]", "BOOLEAN PASS = 1", "BOOLEAN BUFF32[32]", "BOOLEAN ENABLE_STATUS[32]",
                     "BOOLEAN DATA_STATUS[32]", "BOOLEAN MODE_DATA[8]", "BOOLEAN DSN[128]"])
        {
            text.Line($"    {declaration};");
        }

        text.Line($"    BOOLEAN IDCODEVALUE[32] = ${StaplHexLiteral.Encode(image.Die.IdCode)};");
        text.Line($"    BOOLEAN IDMASK[32] = ${StaplHexLiteral.Encode(image.Die.IdCodeMask)};");
        foreach (var name in (string[])["STATUS", "ACTIONTYPE", "FAILURESTATUS", "BPGMMODE", "IPOLL", "DATAINDEX", "COMPONENTNO", "BLOCKNO",
                     "COUNTLO", "COUNTHI",
                     "CURRNUMOFBLOCKS", "LASTCOMPONENT", "LABEL_SEPARATOR"])
        {
            text.Line($"    INTEGER {name} =0;");
        }

        foreach (var (name, code) in ActionCodes)
        {
            text.Line($"    INTEGER {name} ={code};");
        }

        text.Line("ENDDATA;");
        text.Line();
        text.Line("DATA BITSTREAM;");
        text.Line($"    INTEGER NUMOFCOMPONENTS ={image.ComponentBlocks.Count};");
        var countBits = image.ComponentBlocks.Count * BlockCounts.BitsPerCount;
        text.Literal($"    BOOLEAN NUMOFBLOCKS[{countBits}] = $", StaplHexLiteral.Encode(BlockCounts.Pack(image.ComponentBlocks), countBits));
        text.Literal($"    BOOLEAN DATASTREAM[{image.Datastream.Length * 8L}] = @", Aca.Encode(image.Datastream));
        text.Line("ENDDATA;");
    }
}
