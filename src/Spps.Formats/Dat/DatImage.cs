namespace Spps.Formats.Dat;

/// <summary>
/// What a DirectC .dat file holds: the device it is for, the component counts DirectC reads from the header, the
/// per-component block counts (block 5, 22 bits each) and the data blocks by id. See docs/formats/dat.md.
/// </summary>
public sealed record DatImage
{
    /// <summary>5 = G4 (SmartFusion 2, IGLOO 2), 7 = G5 (PolarFire), 8 = G5 SoC (PolarFire SoC).</summary>
    public required byte Family { get; init; }

    public required uint IdCode { get; init; }

    public uint IdMask { get; init; } = 0x0FFFFFFF;

    public uint SiliconSignature { get; init; }

    public required ushort Checksum { get; init; }

    public ushort BsrBits { get; init; }

    /// <summary>Components of the programming datastream (DATASIZE).</summary>
    public required ushort DataSize { get; init; }

    public ushort EraseDataSize { get; init; }

    public ushort VerifyDataSize { get; init; }

    public ushort EnvmDataSize { get; init; }

    public ushort EnvmVerifyDataSize { get; init; }

    /// <summary>G5 only: which user keys the bitstream programs, and the device exception code.</summary>
    public bool Uek1 { get; init; }

    public bool Uek2 { get; init; }

    public bool Dpk { get; init; }

    public bool Uek3 { get; init; }

    public byte ExceptionCode { get; init; }

    /// <summary>The number of 128-bit blocks of each component, in order (block 5 packs them in 22 bits each).</summary>
    public required IReadOnlyList<int> ComponentBlocks { get; init; }

    /// <summary>The data blocks other than NUMBER_OF_BLOCKS, by id, in file order.</summary>
    public required IReadOnlyList<(DatBlockId Id, byte[] Data)> Blocks { get; init; }

    public bool IsG5 => Family is 7 or 8;
}
