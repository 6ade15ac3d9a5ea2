using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Keysets;
using Spps.Formats.Memory;
using Spps.Hsm;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;
using Spps.Workspace;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// The Programming Data commands (command reference 15.4.8.4.1–15.4.8.4.4). Every input is read and checked before
/// the project changes; the change itself is one section update, so a refused command leaves the project as it was.
/// </summary>
public sealed class ProgrammingDataService(ProgrammingDataStore store, KeysetRepository keysets, HsmConnector connector)
{
    public ProgrammingDataEntry Entry(string dataName) => store.Entry(dataName);

    /// <summary>The entry's design with every modification applied (see <see cref="EffectiveDesign"/>).</summary>
    public EffectiveDesign Effective(string dataName) => store.Effective(dataName);

    public ProgrammingDataEntry NewProgData(string name, string importFile, string? keysetFile, string currentFolder, Action<string> info)
    {
        var project = store.Project;
        EntryName.Require(name, "-data_name");

        if (project.Read<ProgrammingDataSection>().Find(name) is not null)
        {
            throw new DomainException($"Programming Data '{name}' already exists in project '{project.Name}'; names are unique.", "DATAEXISTS", name);
        }

        var source = Path.GetFullPath(importFile, currentFolder);
        var (design, bytes) = ProgrammingDataStore.ReadDesignWhole(source); // read once: parsed, then copied from memory
        var keyset = keysetFile is null ? null : VerifiedKeyset(keysetFile, info);
        var copied = ProjectFiles.Import(project, () => new MemoryStream(bytes, writable: false), Path.GetExtension(source), $"data/{name}", "design");
        store.Remember(copied, design);
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
        var die = ProgrammingDataStore.Die(entry);
        if (values.Count == 0)
        {
            throw new DomainException($"set_key needs at least one key: -{string.Join(", -", UserKeysFor(die).Select(KeyNames.OptionName))}.", "MISSING", "key");
        }

        var parsed = ParseKeys(values, die);
        store.Change(dataName, changed =>
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
        var die = ProgrammingDataStore.Die(entry);
        if (names.Contains("UEK3") && !die.HasUek3)
        {
            throw Uek3(die);
        }

        var targets = names.Contains("ALL") ? UserKeysFor(die) : names;
        var removed = targets.Where(entry.KeyOverrides.ContainsKey).ToList();
        store.Change(dataName, changed => removed.ForEach(key => changed.KeyOverrides.Remove(key)));
        return removed;
    }

    public void SetSecurityOverwrite(string dataName, string spmFile, string currentFolder)
    {
        var project = store.Project;
        var entry = Entry(dataName);
        var source = Path.GetFullPath(spmFile, currentFolder);
        var overwrite = ProgrammingDataStore.ReadSpm(source);
        var die = ProgrammingDataStore.Die(entry);
        if (DeviceCatalog.Find(overwrite.Die).Die != die)
        {
            throw new DomainException(
                $"The SPM file '{source}' is for {overwrite.Die}, but Programming Data '{dataName}' targets {entry.Device}.", "DIEMISMATCH", overwrite.Die, entry.Device);
        }

        var copied = ProjectFiles.Import(project, source, $"data/{dataName}", "overwrite");
        store.Change(dataName, changed => changed.SecurityOverwriteFile = copied);
    }

    public void RemoveSecurityOverwrite(string dataName)
    {
        if (Entry(dataName).SecurityOverwriteFile is null)
        {
            throw new DomainException(
                $"Programming Data '{dataName}' has no security overwrite to remove; set one with set_security_overwrite first.", "NOOVERWRITE", dataName);
        }

        store.Change(dataName, changed => changed.SecurityOverwriteFile = null);
    }

    public void SetNewKeysForRotation(string dataName, string? keysetFile, IReadOnlyDictionary<string, string> values, Action<string> info)
    {
        var entry = Entry(dataName);
        var die = ProgrammingDataStore.Die(entry);
        if (!die.Family.SupportsKeyRotation())
        {
            throw new DomainException(
                $"Key rotation is available for SmartFusion 2 and IGLOO 2 only; Programming Data '{dataName}' targets {entry.Device} ({die.Family.DisplayName()}).",
                "FAMILY", entry.Device);
        }

        if (entry.IsHsmFlow)
        {
            if (values.Count > 0)
            {
                throw new DomainException(
                    $"-{KeyNames.OptionName(values.Keys.First())} applies to the non-HSM flow only; Programming Data '{dataName}' uses keyset '{entry.KeysetFile}': give the new keys as -keyset_file.",
                    "HSMFLOW", dataName);
            }

            var name = keysetFile ?? throw new DomainException($"Programming Data '{dataName}' is in the HSM flow: give the keyset with the new keys as -keyset_file.", "MISSING", "keyset_file");
            VerifiedKeyset(name, info);
            store.Change(dataName, changed => changed.RotationKeysetFile = name);
            return;
        }

        if (keysetFile is not null)
        {
            throw new DomainException(
                $"-keyset_file applies to the HSM flow only; Programming Data '{dataName}' is in the non-HSM flow: give the new key values (-upk1, -uek1, ...).", "NONHSMFLOW", dataName);
        }

        if (values.Count == 0)
        {
            throw new DomainException("set_new_keys_for_rotation needs the new key values (-upk1, -uek1, ...) or, in the HSM flow, -keyset_file.", "MISSING", "key");
        }

        var parsed = ParseKeys(values, die);
        store.Change(dataName, changed =>
        {
            foreach (var (key, value) in parsed)
            {
                changed.RotationKeys[key] = value;
            }
        });
    }

    public void SetMemoryUpdate(MemoryKind kind, string dataName, string clientName, string file, bool overwrite, string currentFolder)
    {
        var project = store.Project;
        var entry = Entry(dataName);
        var design = store.Design(entry);
        RequireMemory(kind, entry);
        var size = kind.ClientSizes(design).TryGetValue(clientName, out var found)
            ? found
            : throw new DomainException(
                $"Programming Data '{dataName}' has no {kind.Display()} client '{clientName}' (its {kind.Display()} clients: {kind.ClientList(design)}).",
                "NOCLIENT", clientName);
        if (kind.UpdatesOf(entry).ContainsKey(clientName) && !overwrite)
        {
            throw new DomainException(
                $"The {kind.Display()} client '{clientName}' of Programming Data '{dataName}' already has an update; use -overwrite YES to replace it.", "UPDATEEXISTS", clientName);
        }

        var source = Path.GetFullPath(file, currentFolder);
        try
        {
            MemoryFileReader.Read(source).ToClientContent(clientName, size, source);
        }
        catch (MemoryFileException error)
        {
            throw new DomainException(error.Message, "MEMFILE", source);
        }

        var copied = ProjectFiles.Import(project, source, $"data/{dataName}/{kind.Folder()}", clientName);
        store.Change(dataName, changed => kind.UpdatesOf(changed)[clientName] = new MemoryUpdate { File = copied, Source = source });
    }

    /// <summary>
    /// Removes one client's update (<paramref name="clientName"/>) or all of them (no client, <paramref name="all"/> not FALSE);
    /// naming a client and -all YES together is ambiguous and refused. Returns the clients reverted.
    /// </summary>
    public IReadOnlyList<string> RemoveMemoryUpdates(MemoryKind kind, string dataName, string? clientName, bool? all)
    {
        var entry = Entry(dataName);
        RequireMemory(kind, entry);
        var updates = kind.UpdatesOf(entry);
        List<string> removed;
        if (clientName is not null)
        {
            if (all == true)
            {
                throw new DomainException("Give -client_name to remove one client's update, or -all YES to remove them all, not both.", "CONFLICT", "client_name", "all");
            }

            removed = updates.ContainsKey(clientName)
                ? [clientName]
                : throw new DomainException($"The {kind.Display()} client '{clientName}' of Programming Data '{dataName}' has no update to remove.", "NOUPDATE", clientName);
        }
        else if (all == false)
        {
            throw new DomainException("Nothing to remove: name a client with -client_name, or use -all YES.", "MISSING", "client_name");
        }
        else
        {
            removed = [.. updates.Keys];
        }

        store.Change(dataName, changed => removed.ForEach(client => kind.UpdatesOf(changed).Remove(client)));
        return removed;
    }

    /// <summary>Defines a bitstream after checking every rule; the bitstream itself is generated at export.</summary>
    public BitstreamEntry InitBitstream(string dataName, BitstreamRequest request)
    {
        var entry = Entry(dataName);
        var bitstream = BitstreamRules.Check(request, entry, Effective(dataName));
        store.Change(dataName, changed => changed.Bitstreams.Add(bitstream));
        return bitstream;
    }

    private ProgrammingDataEntry RequireNonHsm(string dataName, string command)
    {
        var entry = Entry(dataName);
        return entry.IsHsmFlow
            ? throw new DomainException(
                $"{command} applies to the non-HSM flow only; Programming Data '{dataName}' uses keyset '{entry.KeysetFile}' (HSM flow), whose keys always take effect.",
                "HSMFLOW", dataName)
            : entry;
    }

    private static void RequireMemory(MemoryKind kind, ProgrammingDataEntry entry)
    {
        var die = ProgrammingDataStore.Die(entry);
        if (!(kind == MemoryKind.Envm ? die.HasEnvm : die.HasSnvm))
        {
            throw new DomainException(
                $"{kind.Display()} updates apply to {kind.Families()} devices; Programming Data '{entry.Name}' targets {entry.Device} ({die.Family.DisplayName()}), which has no {kind.Display()}.",
                "FAMILY", entry.Device);
        }
    }

    private static Dictionary<string, string> ParseKeys(IReadOnlyDictionary<string, string> values, Die die)
    {
        if (values.ContainsKey("UEK3") && !die.HasUek3)
        {
            throw Uek3(die);
        }

        return values.ToDictionary(pair => pair.Key, pair => Convert.ToHexString(KeyValueText.Parse(KeyNames.OptionName(pair.Key), pair.Value)), StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> UserKeysFor(Die die) => [.. KeyNames.User.Where(name => name != "UEK3" || die.HasUek3)];

    private static DomainException Uek3(Die die) =>
        new($"UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 devices, not {die.Name}.", "FAMILY", die.Name);

    private Hsm.Protocol.KeysetCheck VerifiedKeyset(string name, Action<string> info)
    {
        var keyset = keysets.Read(name, "keyset_file").Keyset;
        using var hsm = connector.ConnectUser(info);
        return hsm.VerifyKeyset(keyset);
    }
}
