using System.Collections.Concurrent;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Stapl;
using Spps.Formats.Tests.Jesd71;

namespace Spps.Formats.Tests;

/// <summary>
/// Our programming files' procedures, run: each action of a G4 (M2S010) and a G5 (MPF300T) file is played by the
/// test's JESD71 interpreter against a scripted device that answers as a good device or as a bad one, and the exit
/// code, the exported ERROR_CODE, the printed message and what reached the device are checked.
/// </summary>
public class StaplProcedureTests
{
    private const string G4 = "M2S010";
    private const string G5 = "MPF300T";

    private static readonly string[] _allActions = ["ERASE", "PROGRAM", "VERIFY", "VERIFY_DIGEST", "ENC_DATA_AUTHENTICATION", "READ_IDCODE", "DEVICE_INFO"];
    private static readonly string[] _programmingModeActions = ["ERASE", "PROGRAM", "VERIFY", "VERIFY_DIGEST"];
    private static readonly ConcurrentDictionary<string, (StaplImage Image, StaplFile File)> _files = new();

    public static TheoryData<string, string> EveryAction => Matrix(_allActions);

    public static TheoryData<string, string> ActionsThatEnterProgrammingMode => Matrix(_programmingModeActions);

    [Theory]
    [InlineData(G4, "PROGRAM", 1)]
    [InlineData(G4, "VERIFY", 2)]
    [InlineData(G4, "ENC_DATA_AUTHENTICATION", 0)]
    [InlineData(G5, "PROGRAM", 1)]
    [InlineData(G5, "VERIFY", 2)]
    [InlineData(G5, "ENC_DATA_AUTHENTICATION", 0)]
    public void Program_verify_and_authenticate_shift_every_block_of_the_bitstream_to_a_good_device(string device, string action, int mode)
    {
        var target = Good(device);
        var run = Run(device, action, target);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(run.Exported("ERROR_CODE"));
        Assert.Equal([mode], target.Modes);
        Assert.Equal(Blocks(Bitstream(device).Bytes), target.Frames);
    }

    [Theory]
    [InlineData(G4)]
    [InlineData(G5)]
    public void Erase_shifts_the_erase_component_and_only_it(string device)
    {
        var target = Good(device);
        var run = Run(device, "ERASE", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Erasing FPGA Array...", run.Printed);
        Assert.Equal([1], target.Modes);
        Assert.Equal(Blocks(EraseComponent.For(Bitstream(device).Bytes)), target.Frames);
    }

    [Theory]
    [InlineData(G4)]
    [InlineData(G5)]
    public void An_erase_the_device_refuses_fails_with_the_erase_codes(string device)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, FrameStatus = frame => frame == 3 ? 0x0000_0004UL : 0 };
        var run = Run(device, "ERASE", target);

        Assert.Equal(8, run.ExitCode);
        Assert.Equal(32820UL, run.Exported("ERROR_CODE"));
        Assert.Contains("Component: BITS", run.Printed);
        Assert.Contains($"componentNo: {Bitstream(device).ComponentBlocks.Count + 1}", run.Printed);
        Assert.Equal(4, target.Frames.Count);
    }

    [Theory]
    [InlineData(G4)]
    [InlineData(G5)]
    public void Read_idcode_exports_the_device_s_idcode(string device)
    {
        var run = Run(device, "READ_IDCODE", Good(device));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(DeviceCatalog.Find(device).Die.IdCode, run.Exported("IDCODE"));
    }

    [Theory]
    [InlineData(G4, false, "FPGA Array is not enabled.")]
    [InlineData(G4, true, "FPGA Array is programmed and enabled.")]
    [InlineData(G5, false, "FPGA Array is not enabled.")]
    [InlineData(G5, true, "FPGA Array is programmed and enabled.")]
    public void Device_info_reports_the_usercode_the_dsn_and_whether_the_array_is_enabled(string device, bool enabled, string state)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, CoreEnabled = enabled };
        var run = Run(device, "DEVICE_INFO", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(state, run.Printed);
        Assert.Equal(0x1234_5678UL, run.Exported("SILSIG"));
        Assert.Equal(target.DsnBits, run.Exports.Single(export => export.Key == "DSN").Bits);
    }

    [Theory]
    [InlineData(G4, 0x3C03, new[] { "FPGA Fabric", "eNVM_0", "Fabric configuration segment", "Factory row and factory key segment" })]
    [InlineData(G5, 0x0001, new[] { "FPGA Fabric", "Fabric Configuration", "sNVM", "Factory row and factory key segment" })]
    public void Verify_digest_asks_for_the_segments_the_bitstream_programs_and_passes_when_they_match(string device, int request, string[] segments)
    {
        var target = Good(device);
        var run = Run(device, "VERIFY_DIGEST", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(request, target.DigestRequest);
        Assert.Equal(segments.Select(segment => $"{segment} digest verification: PASS"), run.Printed.Where(line => line.Contains("digest verification", StringComparison.Ordinal)));
        Assert.Empty(target.Frames);
    }

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void A_device_with_another_idcode_stops_every_action(string device, string action)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = 0x0F8071CF };
        var run = Run(device, action, target);

        Assert.Equal(6, run.ExitCode);
        Assert.Equal(32772UL, run.Exported("ERROR_CODE"));
        Assert.Contains("Failed to verify IDCODE", run.Printed);
        Assert.Empty(target.Frames);
    }

    [Theory]
    [MemberData(nameof(ActionsThatEnterProgrammingMode))]
    public void A_crc_error_at_isc_enable_stops_every_action_that_enters_programming_mode(string device, string action)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, EnableResult = 0x0000_0005 };
        var run = Run(device, action, target);

        Assert.Equal(5, run.ExitCode);
        Assert.Equal(32771UL, run.Exported("ERROR_CODE"));
        Assert.Equal(1UL, run.Exported("CRCERR"));
        Assert.Contains("Failed to enter programming mode.", run.Printed);
        Assert.Empty(target.Frames);
        Assert.Null(target.DigestRequest);
    }

    // Bit 0 of the ISC_ENABLE result is CRCERR: set is the failure (Microchip's file, DirectC's G4 and G5 code); G4 also
    // refuses a result of all zeros; DirectC's G5 code does not.
    [Theory]
    [InlineData(G4, 0x0000_0004u, 0)]
    [InlineData(G4, 0x0000_0006u, 0)]
    [InlineData(G4, 0x00AB_0008u, 0)]
    [InlineData(G4, 0x0000_0001u, 5)]
    [InlineData(G4, 0x0000_0000u, 5)]
    [InlineData(G5, 0x0000_0004u, 0)]
    [InlineData(G5, 0x0000_0001u, 5)]
    [InlineData(G5, 0x0000_0000u, 0)]
    public void The_isc_enable_result_decides_whether_programming_goes_on(string device, uint result, int exitCode)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, EnableResult = result };
        var run = Run(device, "PROGRAM", target);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(result, run.Exported("ISC_ENABLE_RESULT"));
        Assert.Equal(exitCode == 0 ? null : 32771UL, run.Exported("ERROR_CODE"));
        Assert.Equal(exitCode == 0 ? Blocks(Bitstream(device).Bytes).Count : 0, target.Frames.Count);
    }

    [Fact]
    public void A_g4_device_locked_by_upk1_is_reported_as_locked()
    {
        var target = new ScriptedDevice(isG5: false) { IdCode = DeviceCatalog.Find(G4).Die.IdCode, EchoesToolInformation = true };
        var run = Run(G4, "PROGRAM", target);

        Assert.Equal(-30, run.ExitCode);
        Assert.Equal(32815UL, run.Exported("ERROR_CODE"));
        Assert.Contains("JTAG interface is protected by UPK1", run.Printed);
        Assert.Equal(0x4C00_0002u, target.ToolInformation); // algorithm 2, JTAG (3) in bits 28..26, STAPL (2) in bits 31..29
    }

    [Theory]
    [InlineData(G4, "never ready", "PROGRAM", 5, 32818, "Device is busy.")]
    [InlineData(G5, "never ready", "PROGRAM", 5, 32818, "Device is busy.")]
    [InlineData(G4, "enable never completes", "VERIFY_DIGEST", 5, 32771, "Failed to enter programming mode.")]
    [InlineData(G5, "enable never completes", "ERASE", 5, 32771, "Failed to enter programming mode.")]
    [InlineData(G4, "frames never complete", "PROGRAM", -32, 32824, "Instruction timed out.")]
    [InlineData(G5, "frames never complete", "VERIFY", -32, 32822, "Instruction timed out.")]
    public void A_device_that_stays_busy_stops_the_action_after_its_poll_limit(string device, string busy, string action, int exitCode, int errorCode, string message)
    {
        var target = new ScriptedDevice(IsG5(device))
        {
            IdCode = DeviceCatalog.Find(device).Die.IdCode,
            NeverReady = busy == "never ready",
            EnableNeverCompletes = busy == "enable never completes",
            FramesNeverComplete = busy == "frames never complete",
        };
        var run = Run(device, action, target);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal((ulong)errorCode, run.Exported("ERROR_CODE"));
        Assert.Contains(message, run.Printed);
        Assert.True(target.Frames.Count <= 1, "the action stops at the first frame that does not complete");
    }

    [Theory]
    [InlineData(G4, "PROGRAM", 0x0000_0304UL, -23, 32801, "Invalid/Corrupted encryption key.")]
    [InlineData(G4, "PROGRAM", 0x0000_0104UL, -22, 32799, "Bitstream or data is corrupted or noisy.")]
    [InlineData(G4, "PROGRAM", 0x0000_0704UL, -25, 32805, "DSN binding mismatch")]
    [InlineData(G4, "VERIFY", 0x00F8_000CUL, 11, 32775, "Failed to verify Fabric Configuration.")]
    [InlineData(G4, "VERIFY", 0x0012_000CUL, 11, 32775, "Failed to verify FPGA Array.")]
    [InlineData(G4, "PROGRAM", 0x0000_0014UL, -21, 32797, "Device security prevented operation.")]
    [InlineData(G4, "PROGRAM", 0x0000_0004UL, 10, 32824, "componentNo: 2")]
    [InlineData(G5, "PROGRAM", 0x0000_0304UL, -23, 32801, "Invalid/Corrupted encryption key.")]
    [InlineData(G5, "PROGRAM", 0x0000_8504UL, -22, 32799, "Bitstream or data is corrupted or noisy.")]
    [InlineData(G5, "PROGRAM", 0x0000_0604UL, 10, 32847, "Bitstream programming action is disabled.")]
    [InlineData(G5, "VERIFY", 0x0000_8004UL, 11, 32773, "Failed to verify FPGA Array.")]
    [InlineData(G5, "VERIFY", 0x0000_0040_0000_8004UL, 11, 32774, "Failed to verify Fabric Configuration.")]
    [InlineData(G5, "VERIFY", 0x0002_0009_0000_8304UL, 11, 32776, "Failed to verify sNVM.")]
    [InlineData(G5, "ENC_DATA_AUTHENTICATION", 0x0000_0004UL, 11, 32818, "componentNo: 2")]
    public void A_refused_frame_stops_the_action_with_the_error_its_status_names(string device, string action, ulong status, int exitCode, int errorCode, string message)
    {
        const int refusedFrame = 40; // a block of the fabric component (component 2)
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, FrameStatus = frame => frame == refusedFrame ? status : 0 };
        var run = Run(device, action, target);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal((ulong)errorCode, run.Exported("ERROR_CODE"));
        Assert.Contains(message, run.Printed);
        Assert.Contains("Component: FPGA", run.Printed);
        Assert.Equal(status, run.Exported("DATA_STATUS_RESULT"));
        Assert.Equal(refusedFrame + 1, target.Frames.Count);
    }

    [Theory]
    [InlineData(G4, ScriptedDevice.MatchingDigests & ~0x0001, -20, 32789, "FPGA Fabric digest verification: FAIL")]
    [InlineData(G4, ScriptedDevice.MatchingDigests & ~0x0002, -20, 32790, "eNVM_0 digest verification: FAIL")]
    [InlineData(G4, ScriptedDevice.MatchingDigests & ~0x0040, -20, 32795, "Factory row and factory key segment digest verification: FAIL")]
    [InlineData(G4, ScriptedDevice.MatchingDigests | 0x3C00, -18, 32787, "Digest request from SPI/JTAG is protected by user pass key 1.")]
    [InlineData(G4, ScriptedDevice.MatchingDigests | 0x4000, -19, 32788, "Failed to verify digest.")]
    [InlineData(G5, ScriptedDevice.MatchingDigests & ~0x0001, -20, 32789, "FPGA Fabric digest verification: FAIL")]
    [InlineData(G5, ScriptedDevice.MatchingDigests & ~0x0002, -20, 32796, "Fabric Configuration digest verification: FAIL")]
    [InlineData(G5, ScriptedDevice.MatchingDigests & ~0x0004, -20, 32790, "sNVM digest verification: FAIL")]
    [InlineData(G5, 0x4000, -19, 32788, "Failed to verify digest.")]
    public void A_digest_that_does_not_match_fails_verify_digest(string device, int result, int exitCode, int errorCode, string message)
    {
        var target = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, DigestResult = (ushort)result };
        var run = Run(device, "VERIFY_DIGEST", target);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal((ulong)errorCode, run.Exported("ERROR_CODE"));
        Assert.Contains(message, run.Printed);
    }

    [Theory]
    [InlineData(G4)]
    [InlineData(G5)]
    public void Programming_mode_is_left_with_isc_disable_after_success_and_after_failure(string device)
    {
        var opcodes = IsG5(device) ? JtagOpcodes.G5 : JtagOpcodes.G4;
        var good = Good(device);
        var failing = new ScriptedDevice(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode, FrameStatus = _ => 0x0304 };
        Run(device, "PROGRAM", good);
        Run(device, "PROGRAM", failing);

        Assert.Equal(opcodes.IscDisable, good.Instructions[^1]);
        Assert.Equal(opcodes.IscDisable, failing.Instructions[^1]);
    }

    private static TheoryData<string, string> Matrix(string[] actions)
    {
        var data = new TheoryData<string, string>();
        foreach (var device in new[] { G4, G5 })
        {
            foreach (var action in actions)
            {
                data.Add(device, action);
            }
        }

        return data;
    }

    private static StaplRun Run(string device, string action, ScriptedDevice target) => StaplInterpreter.Run(File(device), action, target);

    private static ScriptedDevice Good(string device) => new(IsG5(device)) { IdCode = DeviceCatalog.Find(device).Die.IdCode };

    private static bool IsG5(string device) => !DeviceCatalog.Find(device).Die.Family.IsG4();

    private static StaplFile File(string device) => _files.GetOrAdd(device, name =>
    {
        var image = Image(name);
        return (image, StaplFile.Read(StaplProgramWriter.ToBytes(image), name + ".stp"));
    }).File;

    // A real bitstream of ours: header, fabric, the memory the family has (eNVM on G4, sNVM on G5), end of bitstream (G5).
    private static BuiltBitstream Bitstream(string device)
    {
        var die = DeviceCatalog.Find(device).Die;
        var family = (byte)(die.Family.IsG4() ? 5 : die.Family == DeviceFamily.PolarFire ? 7 : 8);
        var header = new BitstreamHeader { FamilyCode = family, TypeCode = 2, IdCode = die.IdCode, Checksum = 0x1234, DesignName = "top", DesignVersion = 3, BackLevel = 1 };
        var fabric = SeededBytes(device, 2000);
        BitstreamComponent[] components = die.Family.IsG4()
            ? [new(ComponentType.Fabric, KeyMode.Klk, fabric), new(ComponentType.G4Envm, KeyMode.Klk, SeededBytes("eNVM", 300))]
            : [new(ComponentType.Fabric, KeyMode.Klk, fabric), new(ComponentType.G5Snvm, KeyMode.Klk, SeededBytes("sNVM", 300)), new(ComponentType.EndOfBitstream, KeyMode.Klk, [])];
        return BitstreamFormat.Build(header, components, _ => Klk.For(family));
    }

    private static StaplImage Image(string device)
    {
        var bitstream = Bitstream(device);
        return StaplProgramWriterTests.Image(device, bitstream.Bytes, [.. bitstream.ComponentBlocks], EraseComponent.For(bitstream.Bytes));
    }

    private static List<byte[]> Blocks(ReadOnlySpan<byte> data)
    {
        var blocks = new List<byte[]>();
        for (var offset = 0; offset < data.Length; offset += BitstreamFormat.BlockBytes)
        {
            blocks.Add(data.Slice(offset, BitstreamFormat.BlockBytes).ToArray());
        }

        return blocks;
    }

    private static byte[] SeededBytes(string seed, int count) => Spps.Formats.Design.SeededBytes.Generate(7, seed, count);
}
