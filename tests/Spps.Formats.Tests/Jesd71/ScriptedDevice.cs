using Spps.Formats.Stapl;

namespace Spps.Formats.Tests.Jesd71;

/// <summary>
/// A fake SmartFusion 2 / IGLOO 2 (G4) or PolarFire (G5) TAP that answers our programming files' scans as
/// docs/formats/stapl.md describes the registers: each status register answers busy (its top bit) once after it is
/// selected or loaded, then its value; the answers can be scripted to be those of a bad device. It refuses a scan
/// whose length is not its register's, so a file that shifts the wrong length fails. It records what it was sent.
/// </summary>
internal sealed class ScriptedDevice(bool isG5) : IJtagDevice
{
    /// <summary>An ISC_ENABLE result of a good device: TEMPRANGE (bits 4..2) = 1, room temperature; CRCERR (bit 0) clear.</summary>
    public const uint GoodEnableResult = 0x0000_0004;

    /// <summary>A CHECK_DIGESTS result where every digest matches (bits 9..0 and 12) and nothing is locked.</summary>
    public const ushort MatchingDigests = 0x13FF;

    private readonly JtagOpcodes _opcodes = isG5 ? JtagOpcodes.G5 : JtagOpcodes.G4;
    private byte _instruction;
    private int _dataScans;

    public uint IdCode { get; init; }

    public uint UserCode { get; init; } = 0x1234_5678;

    public UInt128 Dsn { get; init; } = UInt128.Parse("0123456789ABCDEF0011223344556677", System.Globalization.NumberStyles.HexNumber, null);

    public bool CoreEnabled { get; init; }

    /// <summary>ISC_NOOP says busy for ever (the device never becomes ready).</summary>
    public bool NeverReady { get; init; }

    public uint EnableResult { get; init; } = GoodEnableResult;

    /// <summary>A G4 device whose JTAG port is locked by UPK1 answers ISC_ENABLE with the tool information it was given.</summary>
    public bool EchoesToolInformation { get; init; }

    public bool EnableNeverCompletes { get; init; }

    public bool FramesNeverComplete { get; init; }

    /// <summary>The FRAME_STATUS value after each frame (by index): 0 accepts it; bit 2 refuses it.</summary>
    public Func<int, ulong> FrameStatus { get; init; } = _ => 0;

    public ushort DigestResult { get; init; } = MatchingDigests;

    public List<byte[]> Frames { get; } = [];

    public List<int> Modes { get; } = [];

    public uint? ToolInformation { get; private set; }

    public int? DigestRequest { get; private set; }

    public List<byte> Instructions { get; } = [];

    public bool[] ScanInstruction(bool[] tdi)
    {
        Assert.Equal(JtagOpcodes.IrLength, tdi.Length);
        _instruction = (byte)StaplBits.Number(tdi);
        _dataScans = 0;
        Instructions.Add(_instruction);
        // The captured instruction register: ...01 as IEEE 1149.1 requires, and the array-enabled flag.
        var coreEnabledBit = isG5 ? 7 : 2;
        return StaplBits.Of(0b01 | (CoreEnabled ? 1UL << coreEnabledBit : 0), JtagOpcodes.IrLength);
    }

    public bool[] ScanData(bool[] tdi)
    {
        var scan = _dataScans++;
        var instruction = _instruction;
        var (length, answer) = instruction switch
        {
            JtagOpcodes.IdCode => (32, (ulong)IdCode),
            JtagOpcodes.UserCode => (32, UserCode),
            JtagOpcodes.CheckDigests => (16, Digests(scan, tdi)),
            _ when instruction == _opcodes.IscNoop => (8, NeverReady || scan == 0 ? 0x80UL : 0),
            _ when instruction == _opcodes.IscEnable => (32, Enable(scan, tdi)),
            _ when instruction == _opcodes.IscDisable => (32, scan == 0 ? 1UL << 31 : 0),
            _ when instruction == _opcodes.FrameInit => (8, FrameInit(scan, tdi)),
            _ when instruction == _opcodes.FrameData => (128, Frame(tdi)),
            _ when instruction == _opcodes.FrameStatus => (isG5 ? 64 : 32, FramesNeverComplete || scan == 0 ? 1UL << (isG5 ? 63 : 31) : FrameStatus(Frames.Count - 1)),
            _ when instruction == _opcodes.ReadFsn => (129, 0UL),
            _ => throw new InvalidOperationException($"the device has no data register for instruction 0x{instruction:X2}"),
        };
        if (length != tdi.Length)
        {
            Assert.Fail($"a {tdi.Length}-bit scan of instruction 0x{instruction:X2}, whose register has {length} bits");
        }

        return instruction == _opcodes.ReadFsn ? Fsn(scan) : StaplBits.Of(answer, length);
    }

    private ulong Enable(int scan, bool[] tdi)
    {
        if (scan == 0)
        {
            ToolInformation = (uint)StaplBits.Number(tdi);
            return 0;
        }

        var result = EchoesToolInformation ? ToolInformation!.Value & 0xFF_FFFF : EnableResult;
        return scan == 1 || EnableNeverCompletes ? 1UL << 31 : result;
    }

    private ulong FrameInit(int scan, bool[] tdi)
    {
        if (scan == 0)
        {
            Modes.Add((int)StaplBits.Number(tdi));
        }

        return scan == 1 ? 0x80UL : 0;
    }

    private ulong Frame(bool[] tdi)
    {
        var frame = new byte[16];
        for (var k = 0; k < 128; k++)
        {
            frame[k >> 3] |= (byte)(tdi[k] ? 1 << (k & 7) : 0);
        }

        Frames.Add(frame);
        return 0;
    }

    private ulong Digests(int scan, bool[] tdi)
    {
        if (scan == 0)
        {
            DigestRequest = (int)StaplBits.Number(tdi);
            return 0;
        }

        return scan == 1 ? 0x8000UL : DigestResult;
    }

    // READ_FSN: busy (bit 128) once after the request, then the DSN in bits 127..0.
    private bool[] Fsn(int scan) => scan switch
    {
        0 => new bool[129],
        1 => [.. new bool[128], true],
        _ => [.. DsnBits, false],
    };

    public bool[] DsnBits => [.. StaplBits.Of((ulong)Dsn, 64), .. StaplBits.Of((ulong)(Dsn >> 64), 64)];
}
