using Spps.Formats.Design;
using Spps.JobManager;
using Spps.JobManager.Application;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.Silicon.Tests;

/// <summary>
/// Real programming files of the non-HSM flow, made by the Job Manager's own services as a user's commands would: a
/// design (JDC) per design version, its Programming Data, a bitstream initialised and exported as STAPL or DAT.
/// </summary>
public sealed class ExportedFiles : IDisposable
{
    private readonly ProjectContext _workspace = new();
    private readonly JobManagerServices _services;
    private readonly SecurityPolicy _policy;
    private readonly string _device;
    private readonly HashSet<string> _initialised = new(StringComparer.Ordinal);

    public ExportedFiles(string device, SecurityPolicy? policy = null)
    {
        _device = device;
        _policy = policy ?? new SecurityPolicy();
        _services = new JobManagerServices(_workspace, Folder.Combine("home"), new ManualClock(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), TimeZoneInfo.Utc));
        _workspace.NewProject("work", "P", Folder.Path, _ => { });
    }

    public TemporaryFolder Folder { get; } = new();

    /// <summary>
    /// Exports bitstream <paramref name="type"/> of the design of <paramref name="version"/> (back level
    /// <paramref name="backLevel"/>) as <paramref name="format"/> (STAPL or DAT), bound to <paramref name="dsn"/> when given.
    /// </summary>
    public ProgrammingFile Export(string type, int version = 5, int backLevel = 1, string format = "STAPL", string? dsn = null, bool passkeys = false)
    {
        var data = $"PD{version}_{backLevel}";
        if (!File.Exists(Folder.Combine(data + ".jdc")))
        {
            var (design, fabric) = DesignGenerator.Generate(new DesignRequest
            {
                Device = _device, DesignVersion = version, BackLevel = backLevel, Policy = _policy, Fabric = SeededBytes.Generate(3, "fabric", 3000),
            });
            File.WriteAllBytes(Folder.Combine(data + ".jdc"), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
            _services.ProgrammingData.NewProgData(data, Folder.Combine(data + ".jdc"), null, Folder.Path, _ => { });
        }

        var name = $"{type}{(passkeys ? "P" : string.Empty)}";
        if (_initialised.Add(data + "/" + name))
        {
            _services.ProgrammingData.InitBitstream(data, new BitstreamRequest { Name = name, Type = type, EnablePasskeyExport = passkeys ? true : null });
        }

        var path = $"out/{data}_{name}_{dsn ?? "all"}";
        var files = _services.Bitstreams.ExportBitstream(data, name, [format], path, dsn, Folder.Path, _ => { }, _ => { });
        return ProgrammingFile.Read(files[0]);
    }

    /// <summary>The key values of the design (every version has the same seeded keys).</summary>
    public static byte[] Key(string device, string name) =>
        DesignGenerator.Generate(new DesignRequest { Device = device, Fabric = SeededBytes.Generate(3, "fabric", 3000) }).Design.Keys[name];

    public void Dispose() => Folder.Dispose();
}
