using Spps.Devices;
using Spps.Formats.Design;
using Spps.JobManager.Keysets;
using Spps.Workspace.Projects;
using Spps.Workspace;

namespace Spps.JobManager.ProgrammingData;

/// <summary>The project's Programming Data entries (the <c>programmingData</c> section of the .jprj).</summary>
public sealed class ProgrammingDataSection : IProjectSection
{
    public static string SectionName => "programmingData";

    public List<ProgrammingDataEntry> Entries { get; set; } = [];

    public ProgrammingDataEntry? Find(string name) => Entries.Find(entry => entry.Name == name);

    /// <summary>What the commands rely on in a section read from a file; key values are never quoted.</summary>
    public IEnumerable<string> Problems()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (!names.Add(entry.Name))
            {
                yield return $"two Programming Data are named '{entry.Name}'";
            }

            foreach (var problem in EntryProblems(entry))
            {
                yield return $"Programming Data '{entry.Name}': {problem}";
            }
        }
    }

    private static IEnumerable<string> EntryProblems(ProgrammingDataEntry entry)
    {
        if (!EntryName.IsValid(entry.Name))
        {
            yield return $"the name is not {EntryName.Expecting}";
        }

        if (!DeviceCatalog.TryFind(entry.Device, out _))
        {
            yield return $"the device '{entry.Device}' is not a device this program knows";
        }

        foreach (var (field, path) in Paths(entry))
        {
            if (ProjectFiles.Problem(path) is { } problem)
            {
                yield return $"{field} '{path}' {problem}";
            }
        }

        foreach (var (field, keyset) in new[] { ("keysetFile", entry.KeysetFile), ("rotationKeysetFile", entry.RotationKeysetFile) })
        {
            if (keyset is not null && !KeysetFileName.IsValid(keyset))
            {
                yield return $"{field} '{keyset}' is not the name of a file in the keyset repository";
            }
        }

        foreach (var (field, keys) in new[] { ("keyOverrides", entry.KeyOverrides), ("rotationKeys", entry.RotationKeys) })
        {
            foreach (var (name, value) in keys)
            {
                if (!KeyNames.User.Contains(name) || value is null || value.Length != KeyValueText.Digits || !value.All(char.IsAsciiHexDigit))
                {
                    yield return $"{field} has a value for '{name}' that is not a user key of {KeyValueText.Digits} hexadecimal digits";
                }
            }
        }

        foreach (var bitstream in entry.Bitstreams.Where(bitstream => !EntryName.IsValid(bitstream.Name) || !BitstreamTypes.Names.Contains(bitstream.Type)))
        {
            yield return $"the bitstream '{bitstream.Name}' of type '{bitstream.Type}' is not a bitstream init_bitstream defines";
        }
    }

    // Every path the entry holds, with the name of its field; an update without its description has no path at all.
    private static IEnumerable<(string Field, string Path)> Paths(ProgrammingDataEntry entry)
    {
        yield return ("designFile", entry.DesignFile);
        if (entry.SecurityOverwriteFile is { } overwrite)
        {
            yield return ("securityOverwriteFile", overwrite);
        }

        foreach (var (field, updates) in new[] { ("envmUpdates", entry.EnvmUpdates), ("snvmUpdates", entry.SnvmUpdates) })
        {
            foreach (var (client, update) in updates)
            {
                yield return ($"{field} of client '{client}'", update?.File ?? string.Empty);
            }
        }
    }
}
