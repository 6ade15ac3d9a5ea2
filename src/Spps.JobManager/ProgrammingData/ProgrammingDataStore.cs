using System.Collections.Concurrent;
using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Memory;
using Spps.Workspace.Projects;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// The Programming Data of the open project as the commands read and change it: its entries, each entry's design
/// (the project's checked copy of its JDC), and the effective design every edit applied. Shared by the edits and by
/// bitstream generation; safe for exports running at once.
/// </summary>
public sealed class ProgrammingDataStore(ProjectContext workspace)
{
    // Copied design files never change (their names carry their hash), so what was read once can be kept; exports of
    // several targets may read at once.
    private readonly ConcurrentDictionary<string, DesignData> _designs = new(StringComparer.Ordinal);

    public ProjectSession Project => workspace.RequireProject();

    public ProgrammingDataEntry Entry(string dataName) =>
        Project.Read<ProgrammingDataSection>().Find(dataName)
        ?? throw new DomainException($"Programming Data '{dataName}' does not exist in project '{Project.Name}'.", "NODATA", dataName);

    /// <summary>Stores a change to one entry; the section is written only if <paramref name="change"/> returns normally.</summary>
    public void Change(string dataName, Action<ProgrammingDataEntry> change) =>
        Project.Update<ProgrammingDataSection>(section => change(section.Find(dataName)!));

    /// <summary>Remembers the design just read from a file imported as <paramref name="copiedFile"/>, so it is not read again.</summary>
    public void Remember(string copiedFile, DesignData design) => _designs[copiedFile] = design;

    public DesignData Design(ProgrammingDataEntry entry) => _designs.GetOrAdd(entry.DesignFile, _ =>
    {
        var design = ReadDesign(DesignPath(entry));
        return DeviceCatalog.Find(design.Die).Die == Die(entry)
            ? design
            : throw ProjectDocument.Corrupt(Project.FilePath,
                $"the design file '{entry.DesignFile}' of Programming Data '{entry.Name}' is for {design.Die}, but the Programming Data targets {entry.Device}");
    });

    /// <summary>The project's copy of an entry's JDC, checked to be the file that was imported.</summary>
    public string DesignPath(ProgrammingDataEntry entry) => ProjectFiles.Resolve(Project, entry.DesignFile, DesignFileName(entry), DesignFileRemedy);

    /// <summary>
    /// The fabric of an entry's design, read in one pass: streamed out of the project's copy of the JDC and checked, as
    /// it goes, against the size and SHA-256 its design recorded when it was read (all 256 bits, of exactly the bytes
    /// used), instead of hashing the whole file first. Only a copy that fails the check is hashed whole, to be refused as
    /// every changed copy is.
    /// </summary>
    public byte[] Fabric(ProgrammingDataEntry entry, DesignData design)
    {
        var fabric = new byte[design.FabricBytes]; // the size is known: the data is streamed straight into place
        return ReadInput(ProjectFiles.Locate(Project, entry.DesignFile, DesignFileName(entry), DesignFileRemedy), "design file", (jdc, _) =>
        {
            using var target = new MemoryStream(fabric, writable: true);
            try
            {
                JdcFile.CopyFabric(jdc, entry.DesignFile, design, target);
            }
            catch (ContainerException)
            {
                DesignPath(entry); // a copy changed since it was imported is refused as such
                throw;
            }

            return fabric;
        });
    }

    /// <summary>The entry's design with every modification applied (see <see cref="EffectiveDesign"/>).</summary>
    public EffectiveDesign Effective(string dataName)
    {
        var project = Project;
        var entry = Entry(dataName);
        var design = Design(entry);
        var overwrite = entry.SecurityOverwriteFile is { } spm
            ? ReadSpm(ProjectFiles.Resolve(project, spm, $"the SPM file of Programming Data '{entry.Name}'", "set the overwrite again with set_security_overwrite"))
            : null;
        var keys = entry.KeyOverrides.ToDictionary(pair => pair.Key, pair => Convert.FromHexString(pair.Value), StringComparer.Ordinal);
        return EffectiveDesign.Compute(design, entry.IsHsmFlow, overwrite, keys,
            UpdateContents(project, MemoryKind.Envm, entry, design), UpdateContents(project, MemoryKind.Snvm, entry, design));
    }

    private const string DesignFileRemedy = "put the imported file back, or import the JDC again as new Programming Data";

    private static string DesignFileName(ProgrammingDataEntry entry) => $"the design file of Programming Data '{entry.Name}'";

    public static Die Die(ProgrammingDataEntry entry) => DeviceCatalog.Find(entry.Device).Die;

    public static DesignData ReadDesign(string path) => ReadInput(path, "design file", JdcFile.Read);

    /// <summary>A design file read once, whole: its design, and its bytes for the project's copy.</summary>
    public static (DesignData Design, byte[] Bytes) ReadDesignWhole(string path) => ReadInput(path, "design file", (stream, source) =>
    {
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return (JdcFile.Read(new MemoryStream(bytes, writable: false), source), bytes);
    });

    public static SecurityOverwrite ReadSpm(string path) => ReadInput(path, "SPM file", SpmFile.Read);

    private static Dictionary<string, byte[]> UpdateContents(ProjectSession project, MemoryKind kind, ProgrammingDataEntry entry, DesignData design)
    {
        var sizes = kind.ClientSizes(design);
        return kind.UpdatesOf(entry).ToDictionary(
            pair => pair.Key,
            pair =>
            {
                var what = $"the {kind.Display()} update of client '{pair.Key}' of Programming Data '{entry.Name}'";
                var size = sizes.TryGetValue(pair.Key, out var found)
                    ? found
                    : throw ProjectDocument.Corrupt(project.FilePath, $"{what} names a client its design does not have (its {kind.Display()} clients: {kind.ClientList(design)})");
                var path = ProjectFiles.Resolve(project, pair.Value.File, what, $"set the update again with set_{kind.Folder()}_update");
                return MemoryFileReader.Read(path).ToClientContent(pair.Key, size, path);
            },
            StringComparer.Ordinal);
    }

    private static T ReadInput<T>(string path, string what, Func<Stream, string, T> read)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return read(stream, path);
        }
        catch (ContainerException error)
        {
            throw new DomainException(error.Message, "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The {what} '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }
}
