namespace Spps.Formats.Bitstreams;

/// <summary>What the header component says about a bitstream (docs/formats/bitstream.md gives the offsets).</summary>
public sealed record BitstreamHeader
{
    public required byte FamilyCode { get; init; }

    /// <summary>The <c>init_bitstream</c> type, as a small number (the <see cref="Spps.Devices.BitstreamType"/>).</summary>
    public required byte TypeCode { get; init; }

    public required uint IdCode { get; init; }

    public uint IdMask { get; init; } = 0x0FFFFFFF;

    public uint SiliconSignature { get; init; }

    public required ushort Checksum { get; init; }

    public required string DesignName { get; init; }

    public required ushort DesignVersion { get; init; }

    public required ushort BackLevel { get; init; }

    /// <summary>The device a per-device bitstream is bound to; null for any device.</summary>
    public byte[]? Dsn { get; init; }
}
