using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.JobManager.Projects;

namespace Spps.Benchmarks;

/// <summary>
/// What the file benchmarks start from: a temporary folder with a project open in it, the Programming Data service over
/// it, and JDC files generated for the dies they measure. Disposing it closes the project and removes the folder.
/// </summary>
internal sealed class BenchmarkProject : IDisposable
{
    private readonly Workspace _workspace = new();

    public BenchmarkProject(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"spps-bench-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _workspace.NewProject(Path.Combine(Folder, "project"), "Bench", Folder, _ => { });
        var home = Path.Combine(Folder, "home");
        Settings = new SettingsStore(home);
        Connector = new HsmConnector(Settings, home);
        ProgrammingData = new ProgrammingDataService(_workspace, Settings, Connector);
    }

    public string Folder { get; }

    public Workspace Workspace => _workspace;

    public SettingsStore Settings { get; }

    public HsmConnector Connector { get; }

    public ProgrammingDataService ProgrammingData { get; }

    public static Die Largest => DeviceCatalog.Dies.MaxBy(die => die.FabricBytes)!;

    public static Die Smallest => DeviceCatalog.Dies.MinBy(die => die.FabricBytes)!;

    /// <summary>Writes a generated design of <paramref name="die"/> as a JDC file in the folder and returns its path.</summary>
    public string WriteJdc(Die die)
    {
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = die.Name, DesignVersion = 1 });
        var path = Path.Combine(Folder, die.Name + ".jdc");
        File.WriteAllBytes(path, JdcFile.ToBytes(design, fabric, "benchmark", ContainerFile.Now()));
        return path;
    }

    /// <summary>Sets up the HSM flow with the embedded U-HSM and a keyset made by it, named <paramref name="keyset"/>.</summary>
    public void UseEmbeddedHsm(string keyset)
    {
        new ApplicationService(Settings).SetHsmParameters("local", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "keys", null, Folder);
        new KeysetService(Settings, Connector).Create(keyset, null, new Dictionary<string, string>(), _ => { });
    }

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
