using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Stapl;
using Spps.JobManager.Jobs;

namespace Spps.JobManager.Tests;

/// <summary>What the job tests share: the job service beside the Programming Data service, design data and chain input files.</summary>
public abstract class JobTest : ProgrammingDataTest
{
    protected const string Bsdl =
        "entity HK_PART is\r\n" +
        "  attribute TAP_SCAN_CLOCK of TCK : signal is (2.5e6, BOTH);\r\n" +
        "  attribute INSTRUCTION_LENGTH of HK_PART : entity is 6;\r\n" +
        "  attribute INSTRUCTION_OPCODE of HK_PART : entity is \"IDCODE (000010),\" & -- comment\r\n  \"BYPASS (111111)\";\r\n" +
        "  attribute IDCODE_REGISTER of HK_PART : entity is \"0001\" & \"0101101001011010\" & \"00001010101\" & \"1\";\r\n" +
        "end HK_PART;\r\n";

    protected JobService Jobs => Services.Jobs;

    protected List<string> Warnings { get; } = [];

    /// <summary>Imports a generated design for <paramref name="device"/> as Programming Data <paramref name="name"/>.</summary>
    protected void Data(string name, string device, string? keyset = null) =>
        Service.NewProgData(name, DesignFile(name, device), keyset, Folder.Path, _ => { });

    /// <summary>Writes the generated design of <paramref name="device"/> as <c>&lt;name&gt;.jdc</c> and returns its path.</summary>
    protected string DesignFile(string name, string device)
    {
        var fabric = SeededBytes.Generate(4, "fabric", 3000);
        var (design, _) = DesignGenerator.Generate(new DesignRequest { Device = device, DesignVersion = 2, Fabric = fabric, EnvmClients = DeviceCatalog.Find(device).Die.HasEnvm ? [("IMEM", 64, null)] : [] });
        File.WriteAllBytes(Folder.Combine(name + ".jdc"), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        return Folder.Combine(name + ".jdc");
    }

    /// <summary>Writes a STAPL file of <paramref name="device"/> as FlashPro would, and returns its path.</summary>
    protected string Stapl(string device, string file = "ext.stp", string design = "ext_design")
    {
        var path = Folder.Combine(file);
        File.WriteAllBytes(path, StaplProgramWriter.ToBytes(new StaplImage
        {
            Device = DeviceCatalog.Find(device), Package = "FG484", DesignName = design, Checksum = 0xA63C, SiliconSignature = 0, ProgramsSecurity = false,
            Creator = "FlashPro", CreatorVersion = "11.9", Created = new DateTime(2026, 1, 2, 3, 4, 5),
            Datastream = SeededBytes.Generate(1, "datastream", 16 * 20), ComponentBlocks = [20], EraseDatastream = SeededBytes.Generate(1, "erase", 16 * 32),
        }));
        return path;
    }

    /// <summary>A copy of a STAPL file with one text replaced and the CRC made right again, so only the change is refused.</summary>
    protected string Altered(string stapl, string from, string to, string file)
    {
        var text = File.ReadAllText(stapl);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var content = text.Replace(from, to, StringComparison.Ordinal);
        content = content[..content.LastIndexOf("CRC ", StringComparison.Ordinal)];
        var crc = StaplCrc.Compute(System.Text.Encoding.Latin1.GetBytes(content));
        File.WriteAllText(Folder.Combine(file), content + $"CRC {crc:X4};\r\n", System.Text.Encoding.Latin1);
        return Folder.Combine(file);
    }

    protected string BsdlFile(string text = Bsdl, string file = "part.bsd")
    {
        File.WriteAllText(Folder.Combine(file), text);
        return Folder.Combine(file);
    }

    protected ChainDevice Target(string job, string name, int location, string data = "PD", string bitstream = "M", string? dsn = null) =>
        Jobs.AddTarget(job, name, location, data, bitstream, dsn, null, Folder.Path);

    protected ChainDevice Other(string job, string name, int location, int? ir, string? tck, string? bsdl = null) =>
        Jobs.AddOtherBypass(job, name, location, ir, tck, bsdl, Folder.Path, Warnings.Add);
}
