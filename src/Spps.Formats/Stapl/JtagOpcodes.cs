namespace Spps.Formats.Stapl;

/// <summary>
/// The 8-bit JTAG instructions our STAPL programs use, per device generation (DirectC's dpG4alg.h and dpG5alg.h,
/// reference/formats.md §1.8 and §6). IDCODE, USERCODE and CHECK_DIGESTS are the same on both.
/// </summary>
public sealed record JtagOpcodes(byte IscEnable, byte IscDisable, byte IscNoop, byte FrameInit, byte FrameData, byte FrameStatus, byte ReadFsn)
{
    public const int IrLength = 8;
    public const byte IdCode = 0x0F;
    public const byte UserCode = 0x0E;
    public const byte CheckDigests = 0xBC;

    /// <summary>SmartFusion 2 and IGLOO 2.</summary>
    public static JtagOpcodes G4 { get; } = new(IscEnable: 0x80, IscDisable: 0x81, IscNoop: 0x8F, FrameInit: 0xAE, FrameData: 0xEE, FrameStatus: 0xC9, ReadFsn: 0xF0);

    /// <summary>PolarFire and PolarFire SoC.</summary>
    public static JtagOpcodes G5 { get; } = new(IscEnable: 0x0B, IscDisable: 0x0C, IscNoop: 0x0D, FrameInit: 0xAE, FrameData: 0xEE, FrameStatus: 0xD8, ReadFsn: 0xF0);
}
