using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Keysets;
using Spps.Formats.Memory;
using Spps.Hsm;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.JobManager.Projects;
using Spps.JobManager.Storage;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// The Programming Data commands (command reference 15.4.8.4.1–15.4.8.4.4). Every input is read and checked before
/// the project changes; the change itself is one section update, so a refused command leaves the project as it was.
/// </summary>
public sealed partial class ProgrammingDataService(Workspace workspace, SettingsStore settings, HsmConnector connector)
{
    // Copied design files never change (their names carry their hash), so what was read once can be kept.
    private readonly Dictionary<string, DesignData> _designs = new(StringComparer.Ordinal);

    public ProgrammingDataEntry NewProgData(string name, string importFile, string? keysetFile, string currentFolder, Action<string> info)
    {
        var project = workspace.RequireProject();
        if (!EntryName.IsValid(name))
        {
            throw new JobManagerException($"data_name: Invalid argument value: '{name}' (expecting {EntryName.Expecting}).", "BADVALUE", "-data_name", name);
        }

        if (project.Read<ProgrammingDataSection>().Find(name) is not null)
        {
            throw new JobManagerException($"Programming Data '{name}' already exists in project '{project.Name}'; names are unique.", "DATAEXISTS", name);
        }

        var source = Path.GetFullPath(importFile, currentFolder);
        var design = ReadDesign(source);
        var keyset = keysetFile is null ? null : VerifiedKeyset(keysetFile, info);
        var copied = ProjectFiles.Import(project, source, $"data/{name}", "design");
        _designs[copied] = design;
        var entry = new ProgrammingDataEntry
        {
            Name = name,
            Device = design.Die,
            DesignName = design.DesignName,
            DesignVersion = design.DesignVersion,
            DesignFile = copied,
            KeysetFile = keysetFile,
            KeysetId = keyset?.KeysetId,
        };
        project.Update<ProgrammingDataSection>(section => section.Entries.Add(entry));
        return entry;
    }

    public void SetKeys(string dataName, IReadOnlyDictionary<string, string> values)
    {
        var entry = RequireNonHsm(dataName, "set_key");
        var die = Die(entry);
        if (values.Count == 0)
        {
            throw new JobManagerException($"set_key needs at least one key: -{string.Join(", -", UserKeysFor(die).Select(KeysetKeys.OptionName))}.", "MISSING", "key");
        }

        var parsed = ParseKeys(values, die);
        Change(dataName, changed =>
        {
            foreach (var (key, value) in parsed)
            {
                changed.KeyOverrides[key] = value;
            }
        });
    }

    /// <summary>Reverts keys to the JDC's values; returns the ones that had been set.</summary>
    public IReadOnlyList<string> RemoveKeys(string dataName, IReadOnlyList<string> names)
    {
        var entry = RequireNonHsm(dataName, "remove_key");
        var die = Die(entry);
        if (names.Contains("UEK3") && !die.HasUek3)
        {
            throw Uek3(die);
        }

        var targets = names.Contains("ALL") ? UserKeysFor(die) : names;
        var removed = targets.Where(entry.KeyOverrides.ContainsKey).ToList();
        Change(dataName, changed => removed.ForEach(key => changed.KeyOverrides.Remove(key)));
        return removed;
    }

    public void SetSecurityOverwrite(string dataName, string spmFile, string currentFolder)
    {
        var project = workspace.RequireProject();
        var entry = Entry(dataName);
        var source = Path.GetFullPath(spmFile, currentFolder);
        var overwrite = ReadSpm(source);
        var die = Die(entry);
        if (DeviceCatalog.Find(overwrite.Die).Die != die)
        {
            throw new JobManagerException(
                $"The SPM file '{source}' is for {overwrite.Die}, but Programming Data '{dataName}' targets {entry.Device}.", "DIEMISMATCH", overwrite.Die, entry.Device);
        }

        var copied = ProjectFiles.Import(project, source, $"data/{dataName}", "overwrite");
        Change(dataName, changed => changed.SecurityOverwriteFile = copied);
    }

    public void RemoveSecurityOverwrite(string dataName)
    {
        if (Entry(dataName).SecurityOverwriteFile is null)
        {
            throw new JobManagerException(
                $"Programming Data '{dataName}' has no security overwrite to remove; set one with set_security_overwrite first.", "NOOVERWRITE", dataName);
        }

        Change(dataName, changed => changed.SecurityOverwriteFile = null);
    }

    public void SetNewKeysForRotation(string dataName, string? keysetFile, IReadOnlyDictionary<string, string> values, Action<string> info)
    {
        var entry = Entry(dataName);
        var die = Die(entry);
        if (!die.Family.SupportsKeyRotation())
        {
            throw new JobManagerException(
                $"Key rotation is available for SmartFusion 2 and IGLOO 2 only; Programming Data '{dataName}' targets {entry.Device} ({die.Family.DisplayName()}).",
                "FAMILY", entry.Device);
        }

        if (entry.IsHsmFlow)
        {
            if (values.Count > 0)
            {
                throw new JobManagerException(
                    $"-{KeysetKeys.OptionName(values.Keys.First())} applies to the non-HSM flow only; Programming Data '{dataName}' uses keyset '{entry.KeysetFile}': give the new keys as -keyset_file.",
                    "HSMFLOW", dataName);
            }

            var name = keysetFile ?? throw new JobManagerException($"Programming Data '{dataName}' is in the HSM flow: give the keyset with the new keys as -keyset_file.", "MISSING", "keyset_file");
            VerifiedKeyset(name, info);
            Change(dataName, changed => changed.RotationKeysetFile = name);
            return;
        }

        if (keysetFile is not null)
        {
            throw new JobManagerException(
                $"-keyset_file applies to the HSM flow only; Programming Data '{dataName}' is in the non-HSM flow: give the new key values (-upk1, -uek1, ...).", "NONHSMFLOW", dataName);
        }

        if (values.Count == 0)
        {
            throw new JobManagerException("set_new_keys_for_rotation needs the new key values (-upk1, -uek1, ...) or, in the HSM flow, -keyset_file.", "MISSING", "key");
        }

        var parsed = ParseKeys(values, die);
        Change(dataName, changed =>
        {
            foreach (var (key, value) in parsed)
            {
                changed.RotationKeys[key] = value;
            }
        });
    }

    public void SetMemoryUpdate(MemoryKind kind, string dataName, string clientName, string file, bool overwrite, string currentFolder)
    {
        var project = workspace.RequireProject();
        var entry = Entry(dataName);
        var design = Design(entry);
        RequireMemory(kind, entry);
        var size = ClientSizes(kind, design).TryGetValue(clientName, out var found)
            ? found
            : throw new JobManagerException(
                $"Programming Data '{dataName}' has no {kind.Display()} client '{clientName}' (its {kind.Display()} clients: {ClientList(kind, design)}).",
                "NOCLIENT", clientName);
        if (Updates(kind, entry).ContainsKey(clientName) && !overwrite)
        {
            throw new JobManagerException(
                $"The {kind.Display()} client '{clientName}' of Programming Data '{dataName}' already has an update; use -overwrite YES to replace it.", "UPDATEEXISTS", clientName);
        }

        var source = Path.GetFullPath(file, currentFolder);
        try
        {
            MemoryFileReader.Read(source).ToClientContent(clientName, size, source);
        }
        catch (MemoryFileException error)
        {
            throw new JobManagerException(error.Message, "MEMFILE", source);
        }

        var copied = ProjectFiles.Import(project, source, $"data/{dataName}/{kind.Folder()}", clientName);
        Change(dataName, changed => Updates(kind, changed)[clientName] = new MemoryUpdate { File = copied, Source = source });
    }

    /// <summary>
    /// Removes one client's update (<paramref name="clientName"/>) or all of them (no client, <paramref name="all"/> not FALSE);
    /// naming a client and -all YES together is ambiguous and refused. Returns the clients reverted.
    /// </summary>
    public IReadOnlyList<string> RemoveMemoryUpdates(MemoryKind kind, string dataName, string? clientName, bool? all)
    {
        var entry = Entry(dataName);
        RequireMemory(kind, entry);
        var updates = Updates(kind, entry);
        List<string> removed;
        if (clientName is not null)
        {
            if (all == true)
            {
                throw new JobManagerException("Give -client_name to remove one client's update, or -all YES to remove them all, not both.", "CONFLICT", "client_name", "all");
            }

            removed = updates.ContainsKey(clientName)
                ? [clientName]
                : throw new JobManagerException($"The {kind.Display()} client '{clientName}' of Programming Data '{dataName}' has no update to remove.", "NOUPDATE", clientName);
        }
        else if (all == false)
        {
            throw new JobManagerException("Nothing to remove: name a client with -client_name, or use -all YES.", "MISSING", "client_name");
        }
        else
        {
            removed = [.. updates.Keys];
        }

        Change(dataName, changed => removed.ForEach(client => Updates(kind, changed).Remove(client)));
        return removed;
    }

    /// <summary>Defines a bitstream after checking every rule; the bitstream itself is generated at export.</summary>
    public BitstreamEntry InitBitstream(string dataName, BitstreamRequest request)
    {
        var entry = Entry(dataName);
        var bitstream = BitstreamRules.Check(request, entry, Effective(dataName));
        Change(dataName, changed => changed.Bitstreams.Add(bitstream));
        return bitstream;
    }

    public ProgrammingDataEntry Entry(string dataName) =>
        workspace.RequireProject().Read<ProgrammingDataSection>().Find(dataName)
        ?? throw new JobManagerException($"Programming Data '{dataName}' does not exist in project '{workspace.RequireProject().Name}'.", "NODATA", dataName);

    /// <summary>The entry's design with every modification applied (see <see cref="EffectiveDesign"/>).</summary>
    public EffectiveDesign Effective(string dataName)
    {
        var project = workspace.RequireProject();
        var entry = Entry(dataName);
        var design = Design(entry);
        var overwrite = entry.SecurityOverwriteFile is { } spm
            ? ReadSpm(ProjectFiles.Resolve(project, spm, $"the SPM file of Programming Data '{entry.Name}'", "set the overwrite again with set_security_overwrite"))
            : null;
        var keys = entry.KeyOverrides.ToDictionary(pair => pair.Key, pair => Convert.FromHexString(pair.Value), StringComparer.Ordinal);
        return EffectiveDesign.Compute(design, entry.IsHsmFlow, overwrite, keys,
            UpdateContents(project, MemoryKind.Envm, entry, design), UpdateContents(project, MemoryKind.Snvm, entry, design));
    }

    private Dictionary<string, byte[]> UpdateContents(ProjectSession project, MemoryKind kind, ProgrammingDataEntry entry, DesignData design)
    {
        var sizes = ClientSizes(kind, design);
        return Updates(kind, entry).ToDictionary(
            pair => pair.Key,
            pair =>
            {
                var what = $"the {kind.Display()} update of client '{pair.Key}' of Programming Data '{entry.Name}'";
                var size = sizes.TryGetValue(pair.Key, out var found)
                    ? found
                    : throw ProjectDocument.Corrupt(project.FilePath, $"{what} names a client its design does not have (its {kind.Display()} clients: {ClientList(kind, design)})");
                var path = ProjectFiles.Resolve(project, pair.Value.File, what, $"set the update again with set_{kind.Folder()}_update");
                return MemoryFileReader.Read(path).ToClientContent(pair.Key, size, path);
            },
            StringComparer.Ordinal);
    }

    private void Change(string dataName, Action<ProgrammingDataEntry> change) =>
        workspace.RequireProject().Update<ProgrammingDataSection>(section => change(section.Find(dataName)!));

    private ProgrammingDataEntry RequireNonHsm(string dataName, string command)
    {
        var entry = Entry(dataName);
        return entry.IsHsmFlow
            ? throw new JobManagerException(
                $"{command} applies to the non-HSM flow only; Programming Data '{dataName}' uses keyset '{entry.KeysetFile}' (HSM flow), whose keys always take effect.",
                "HSMFLOW", dataName)
            : entry;
    }

    private static void RequireMemory(MemoryKind kind, ProgrammingDataEntry entry)
    {
        var die = Die(entry);
        if (!(kind == MemoryKind.Envm ? die.HasEnvm : die.HasSnvm))
        {
            throw new JobManagerException(
                $"{kind.Display()} updates apply to {kind.Families()} devices; Programming Data '{entry.Name}' targets {entry.Device} ({die.Family.DisplayName()}), which has no {kind.Display()}.",
                "FAMILY", entry.Device);
        }
    }

    private static SortedDictionary<string, MemoryUpdate> Updates(MemoryKind kind, ProgrammingDataEntry entry) =>
        kind == MemoryKind.Envm ? entry.EnvmUpdates : entry.SnvmUpdates;

    private static Dictionary<string, int> ClientSizes(MemoryKind kind, DesignData design) =>
        kind == MemoryKind.Envm
            ? design.EnvmClients.ToDictionary(client => client.Name, client => client.Size, StringComparer.Ordinal)
            : design.SnvmClients.ToDictionary(client => client.Name, client => client.Size, StringComparer.Ordinal);

    private static string ClientList(MemoryKind kind, DesignData design)
    {
        var names = ClientSizes(kind, design).Keys.ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static Dictionary<string, string> ParseKeys(IReadOnlyDictionary<string, string> values, Die die)
    {
        if (values.ContainsKey("UEK3") && !die.HasUek3)
        {
            throw Uek3(die);
        }

        return values.ToDictionary(pair => pair.Key, pair => Convert.ToHexString(KeyValueText.Parse(KeysetKeys.OptionName(pair.Key), pair.Value)), StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> UserKeysFor(Die die) => [.. UserKeys.Names.Where(name => name != "UEK3" || die.HasUek3)];

    private static JobManagerException Uek3(Die die) =>
        new($"UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 devices, not {die.Name}.", "FAMILY", die.Name);

    private static Die Die(ProgrammingDataEntry entry) => DeviceCatalog.Find(entry.Device).Die;

    private DesignData Design(ProgrammingDataEntry entry)
    {
        if (!_designs.TryGetValue(entry.DesignFile, out var design))
        {
            design = ReadDesign(DesignPath(workspace.RequireProject(), entry));
            if (DeviceCatalog.Find(design.Die).Die != Die(entry))
            {
                throw ProjectDocument.Corrupt(workspace.RequireProject().FilePath,
                    $"the design file '{entry.DesignFile}' of Programming Data '{entry.Name}' is for {design.Die}, but the Programming Data targets {entry.Device}");
            }

            _designs[entry.DesignFile] = design;
        }

        return design;
    }

    private const string DesignFileRemedy = "put the imported file back, or import the JDC again as new Programming Data";

    /// <summary>The project's copy of an entry's JDC, checked to be the file that was imported.</summary>
    private static string DesignPath(ProjectSession project, ProgrammingDataEntry entry) =>
        ProjectFiles.Resolve(project, entry.DesignFile, DesignFileName(entry), DesignFileRemedy);

    private static string DesignFileName(ProgrammingDataEntry entry) => $"the design file of Programming Data '{entry.Name}'";

    private static DesignData ReadDesign(string path) => ReadInput(path, "design file", JdcFile.Read);

    private static SecurityOverwrite ReadSpm(string path) => ReadInput(path, "SPM file", SpmFile.Read);

    private static T ReadInput<T>(string path, string what, Func<Stream, string, T> read)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return read(stream, path);
        }
        catch (ContainerException error)
        {
            throw new JobManagerException(error.Message, "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new JobManagerException($"The {what} '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }

    private Hsm.Protocol.KeysetCheck VerifiedKeyset(string name, Action<string> info)
    {
        var keyset = RepositoryKeyset(name);
        var (hsm, _) = connector.ConnectUser(info);
        try
        {
            return hsm.VerifyKeyset(keyset);
        }
        catch (HsmException error)
        {
            throw HsmConnector.HsmError(error);
        }
    }

    private WrappedKeyset RepositoryKeyset(string name)
    {
        KeysetFileName.Validate("keyset_file", name);
        var folder = settings.Load().KeysetDirectory
                     ?? throw new JobManagerException("No keyset repository is set. Use set_hsm_params -hsm_key_set_dir <folder> first.", "NOREPOSITORY");
        return KeysetService.ReadKeyset(Path.Combine(folder, name), "keyset_file").Keyset;
    }
}
