using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Stapl;

/// <summary>
/// What the programming procedures of one device generation check, bit by bit, with the source of each fact: G4
/// (SmartFusion 2, IGLOO 2) from Microchip's own STAPL file (reference/formats.md §1.8, the sample) and DirectC's G4
/// code; G5 (PolarFire, PolarFire SoC), of which no STAPL file is public, from DirectC's G5 code. docs/formats/stapl.md
/// lists every check.
/// </summary>
internal sealed record StaplAlgorithm
{
    public required JtagOpcodes Opcodes { get; init; }

    /// <summary>The ALG_VERSION note and the low 6 bits of the tool information shifted with ISC_ENABLE.</summary>
    public required int AlgorithmVersion { get; init; }

    /// <summary>The FRAME_STATUS register's length; its top bit is busy.</summary>
    public required int FrameStatusBits { get; init; }

    /// <summary>The bit of the instruction register captured with ISC_NOOP that says the FPGA array is enabled.</summary>
    public required int CoreEnabledBit { get; init; }

    /// <summary>
    /// G4: an ISC_ENABLE result whose bits 23..0 echo the tool information means JTAG is locked by UPK1 (the sample's
    /// PROC_ENABLE, DirectC's dp_G4M_perform_isc_enable). DirectC's G5 code has no such check.
    /// </summary>
    public required bool DetectsUpk1Lock { get; init; }

    /// <summary>
    /// G4: an ISC_ENABLE result of all zeros is a failure, as CRCERR (bit 0) is (the sample and DirectC's G4 code).
    /// DirectC's G5 code refuses only CRCERR, so a G5 device answering zeros enters programming mode.
    /// </summary>
    public required bool RefusesEmptyEnableResult { get; init; }

    /// <summary>The integers REPORT_FRAME_ERROR reads from FRAME_STATUS before its checks: name, high bit, low bit.</summary>
    public required IReadOnlyList<(string Name, int High, int Low)> FrameStatusFields { get; init; }

    /// <summary>The checks of a refused frame, in the order they run.</summary>
    public required IReadOnlyList<FrameError> FrameErrors { get; init; }

    /// <summary>How a refused frame's component is named (by the type at byte 48).</summary>
    public required IReadOnlyList<(byte Type, string Name)> ComponentNames { get; init; }

    /// <summary>CHECK_DIGESTS request bits set whatever the bitstream holds.</summary>
    public required int DigestRequest { get; init; }

    /// <summary>G4: result bits 13..10 equal to the request's mean the digest request is locked by UPK1.</summary>
    public required bool DetectsDigestLock { get; init; }

    /// <summary>The condition on CHECK_DIGESTS_RESULT that says the device refused to check the digests.</summary>
    public required string DigestRefused { get; init; }

    public required IReadOnlyList<DigestSegment> DigestSegments { get; init; }

    public static StaplAlgorithm For(DeviceFamily family) => family.IsG4() ? G4 : G5;

    // The authentication errors (FRAME_STATUS bits 15..8) both generations share, with the sample's exit status.
    private static IEnumerable<FrameError> AuthenticationErrors(IEnumerable<int> corrupted, string dsnMismatch, string deviceMismatch) =>
    [
        .. corrupted.Select(code => new FrameError($"AUTHERRCODE=={code}", "Bitstream or data is corrupted or noisy.", -22, 32799)),
        new("AUTHERRCODE==3", "Invalid/Corrupted encryption key.", -23, 32801),
        new("AUTHERRCODE==5", "Back level not satisfied.", -24, 32803),
        new("AUTHERRCODE==7", dsnMismatch, -25, 32805),
        new("AUTHERRCODE==9", deviceMismatch, -26, 32807),
        new("AUTHERRCODE==10", "Incorrect DEVICEID.", -27, 32809),
        new("AUTHERRCODE==11", "Programming file is out of date, please regenerate.", -28, 32811),
        new("AUTHERRCODE==12", "Programming file does not support verification.", -29, 32813),
        new("AUTHERRCODE==13", "Invalid or inaccessible Device Certificate.", -31, 32816),
    ];

    /// <summary>SmartFusion 2 and IGLOO 2: Microchip's STAPL file (M2GL025) and DirectC's G4 code.</summary>
    public static StaplAlgorithm G4 { get; } = new()
    {
        Opcodes = JtagOpcodes.G4,
        AlgorithmVersion = 2,
        FrameStatusBits = 32,
        CoreEnabledBit = 2,
        DetectsUpk1Lock = true,
        RefusesEmptyEnableResult = true,
        FrameStatusFields = [("AUTHERRCODE", 15, 8), ("ERRORCODE", 7, 3), ("ERRORDETAIL", 23, 16)],
        FrameErrors =
        [
            new("AUTHERRCODE!=0", "Authentication Error."),
            .. AuthenticationErrors([1, 2, 4, 8], "DSN binding mismatch", "Bitstream and device mismatch"),
            new("ERRORCODE==5", "Failed to verify eNVM.", 11, 32776),
            new("ERRORCODE==4", "Failed to program eNVM.", 10, 32773),
            new("ERRORCODE==2", "Device security prevented operation.", -21, 32797),
            new("(ERRORCODE==1)&&(ERRORDETAIL==248)", "Failed to verify Fabric Configuration.", 11, 32775),
            .. new[] { 249, 250, 251 }.Select(detail => new FrameError($"(ERRORCODE==1)&&(ERRORDETAIL=={detail})", "Failed to verify Security.", 11, 32775)),
            new("(ERRORCODE==1)&&((ERRORDETAIL<248)||(ERRORDETAIL>251))", "Failed to verify FPGA Array.", 11, 32775),
        ],
        ComponentNames = [(ComponentType.Header, "BITS"), (ComponentType.Fabric, "FPGA"), (ComponentType.Keys, "Security"), (ComponentType.G4Envm, "eNVM"),
            (ComponentType.EndOfBitstream, "EOB")],
        DigestRequest = 0b11_1100_0000_0000, // bits 13..10, as the sample and DirectC's G4 code send them
        DetectsDigestLock = true,
        DigestRefused = "CHECK_DIGESTS_RESULT[14]==1",
        DigestSegments =
        [
            new("FPGA Fabric", 0, 0, ComponentType.Fabric, 32789),
            new("eNVM_0", 1, 1, ComponentType.G4Envm, 32790),
            new("Fabric configuration segment", 7, null, ComponentType.Fabric, 32796),
            new("Factory row and factory key segment", 6, null, null, 32795),
        ],
    };

    /// <summary>PolarFire and PolarFire SoC: DirectC's G5 code (no public STAPL file).</summary>
    public static StaplAlgorithm G5 { get; } = new()
    {
        Opcodes = JtagOpcodes.G5,
        AlgorithmVersion = 1,
        FrameStatusBits = 64,
        CoreEnabledBit = 7,
        DetectsUpk1Lock = false,
        RefusesEmptyEnableResult = false,
        FrameStatusFields = [("AUTHERRCODE", 15, 8), ("DSBITS_38_34", 38, 34), ("DSBITS_33_32", 33, 32), ("DSBITS_41_34", 41, 34), ("DSBITS_50_49", 50, 49)],
        FrameErrors =
        [
            .. AuthenticationErrors([1, 2, 4, 8, 127, 132, 133, 134, 135], "DSN binding mismatch.", "Insufficient device capabilities."),
            new("AUTHERRCODE==6", "Bitstream programming action is disabled.", null, 32847),
            new("AUTHERRCODE==129", "Device security prevented operation.", -21, 32797),
            new("(AUTHERRCODE==128)&&(DSBITS_38_34<16)", "Failed to verify FPGA Array.", 11, 32773),
            new("(AUTHERRCODE==128)&&(DSBITS_38_34>=16)", "Failed to verify Fabric Configuration.", 11, 32774),
            .. new[] { (1, "sNVM", 32776), (2, "pNVM", 32857) }.Select(memory => new FrameError(
                $"(AUTHERRCODE==131)&&(DSBITS_33_32==1)&&(DSBITS_41_34>=2)&&(DSBITS_41_34<=222)&&(DSBITS_50_49=={memory.Item1})",
                $"Failed to verify {memory.Item2}.", 11, memory.Item3)),
            new("(AUTHERRCODE==131)&&(DSBITS_33_32==3)", "Failed to verify Security.", 11, 32775),
        ],
        ComponentNames = [(ComponentType.Header, "BITS"), (ComponentType.Fabric, "FPGA"), (ComponentType.Keys, "Security"), (ComponentType.G5Snvm, "sNVM"),
            (ComponentType.G5Envm, "eNVM"), (ComponentType.EndOfBitstream, "EOB")],
        DigestRequest = 0b1, // DirectC's G5 code asks with bit 0 only
        DetectsDigestLock = false,
        DigestRefused = "INT(CHECK_DIGESTS_RESULT[15..8])==64",
        DigestSegments =
        [
            new("FPGA Fabric", 0, null, ComponentType.Fabric, 32789),
            new("Fabric Configuration", 1, null, ComponentType.Fabric, 32796),
            new("sNVM", 2, null, ComponentType.G5Snvm, 32790),
            new("Factory row and factory key segment", 12, null, null, 32795),
        ],
    };
}
