using Spps.Formats.Production;
using Spps.Silicon.Benches;
using Spps.Workspace.Storage;

namespace Spps.Silicon.Tests.Benches;

/// <summary>A bench in a temporary folder, written with the workspace's atomic writer as the programs do.</summary>
public sealed class TestBench : IDisposable
{
    public const string Bsdl =
        "entity HK_PART is\r\n" +
        "  attribute INSTRUCTION_LENGTH of HK_PART : entity is 6;\r\n" +
        "  attribute INSTRUCTION_OPCODE of HK_PART : entity is \"IDCODE (000010),\" & \"BYPASS (111111)\";\r\n" +
        "  attribute IDCODE_REGISTER of HK_PART : entity is \"0001\" & \"0101101001011010\" & \"00001010101\" & \"1\";\r\n" +
        "end HK_PART;\r\n";

    public static readonly ReplaceFile Replace = (path, content) => AtomicFile.WriteAllBytes(path, content, FileVisibility.OwnerOnly);

    public TemporaryFolder Folder { get; } = new();

    public string BenchFolder => Folder.Combine("bench");

    /// <summary>A BSDL file of another maker's part (IR length 6, IDCODE 15A5A0AB) in the test's folder.</summary>
    public string BsdlFile()
    {
        var path = Folder.Combine("part.bsd");
        File.WriteAllText(path, Bsdl);
        return path;
    }

    public Bench Create(string spec = "M2S010,MPF300T", int boards = 2, long? seed = null, DeviceFactory? factory = null) =>
        Bench.Create(BenchFolder, ChainSpec.Parse(spec), boards, factory ?? Devices.Factory, seed, Replace);

    public Bench Open() => Bench.Open(BenchFolder, Replace);

    /// <summary>Every file under the test's folder, by path.</summary>
    public Dictionary<string, byte[]> Files() =>
        Directory.EnumerateFiles(Folder.Path, "*", SearchOption.AllDirectories).ToDictionary(path => path, File.ReadAllBytes);

    public void Dispose() => Folder.Dispose();
}
