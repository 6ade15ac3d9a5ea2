using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.JobManager;
using Spps.Workspace.Projects;

namespace Spps.Benchmarks;

/// <summary>
/// What the file benchmarks start from: a temporary folder with a project open in it, the Programming Data service over
/// it (the Job Manager's own services), and JDC files generated for the dies they measure. Disposing it closes the project and removes the folder.
/// </summary>
internal sealed class BenchmarkProject : IDisposable
{
    private readonly ProjectContext _workspace = new();

    public BenchmarkProject(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"spps-bench-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _workspace.NewProject(Path.Combine(Folder, "project"), "Bench", Folder, _ => { });
        Services = new JobManagerServices(_workspace, Path.Combine(Folder, "home"), TimeProvider.System);
    }

    public string Folder { get; }

    public JobManagerServices Services { get; }

    public static Die Largest => DeviceCatalog.Dies.MaxBy(die => die.FabricBytes)!;

    public static Die Smallest => DeviceCatalog.Dies.MinBy(die => die.FabricBytes)!;

    /// <summary>Writes a generated design of <paramref name="die"/> as a JDC file in the folder and returns its path.</summary>
    public string WriteJdc(Die die)
    {
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = die.Name, DesignVersion = 1 });
        var path = Path.Combine(Folder, die.Name + ".jdc");
        File.WriteAllBytes(path, JdcFile.ToBytes(design, fabric, "benchmark", TimeProvider.System.UtcNowToTheSecond()));
        return path;
    }

    /// <summary>Sets up the HSM flow with the embedded U-HSM and a keyset made by it, named <paramref name="keyset"/>.</summary>
    public void UseEmbeddedHsm(string keyset)
    {
        Services.Application.SetHsmParameters("local", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "keys", null, Folder);
        Services.Keysets.Create(keyset, null, new Dictionary<string, string>(), _ => { });
    }

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
