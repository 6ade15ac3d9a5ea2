namespace Spps.JobManager.Jobs;

/// <summary>
/// One device of a job's JTAG chain, with what its kind needs: a target's programming (a bitstream of a Programming
/// Data entry, or a STAPL file copied into the project), a Microchip device's name, another maker's IR length and
/// highest TCK (given, or read from its BSDL file). Files are referred to by paths relative to the project folder.
/// </summary>
public sealed class ChainDevice
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The hardware location: the chain index, 1 next to TDI.</summary>
    public int Location { get; set; }

    public ChainDeviceKind Kind { get; set; }

    /// <summary>The Microchip device as the catalog spells it; null for another maker's device.</summary>
    public string? Device { get; set; }

    public int IrLength { get; set; }

    /// <summary>The highest TCK in MHz; null when the device sets no limit (its BSDL file gives none and no -tck was given).</summary>
    public double? MaxTckMhz { get; set; }

    /// <summary>The IDCODE (8 hex digits) when known: from the catalog, the STAPL file or the BSDL file.</summary>
    public string? IdCode { get; set; }

    public string? DataName { get; set; }

    public string? BitstreamName { get; set; }

    /// <summary>The device serial number (32 hex digits) of a per-device update file.</summary>
    public string? Dsn { get; set; }

    /// <summary>A target's STAPL file as copied into the project.</summary>
    public string? ProgrammingFile { get; set; }

    /// <summary>The STAPL or BSDL file the device was described by, as the script named it (shown in reports only).</summary>
    public string? SourceFile { get; set; }

    /// <summary>The design a target's STAPL file programs, and its checksum, from the file's notes.</summary>
    public string? DesignName { get; set; }

    public string? DesignChecksum { get; set; }

    /// <summary>Another maker's device type: the entity of its BSDL file.</summary>
    public string? BsdlEntity { get; set; }

    public bool IsBypassed => Kind != ChainDeviceKind.Target;

    public bool IsMicrochip => Kind != ChainDeviceKind.OtherBypass;
}
