using Spps.Formats.Design;

namespace Spps.JobManager.ProgrammingData;

/// <summary>The two kinds of updatable memory, and the words their commands use.</summary>
public enum MemoryKind
{
    Envm,
    Snvm,
}

internal static class MemoryKindText
{
    public static string Display(this MemoryKind kind) => kind == MemoryKind.Envm ? "eNVM" : "sNVM";

    public static string Families(this MemoryKind kind) =>
        kind == MemoryKind.Envm ? "SmartFusion 2, IGLOO 2 and PolarFire SoC" : "PolarFire and PolarFire SoC";

    public static string Folder(this MemoryKind kind) => kind == MemoryKind.Envm ? "envm" : "snvm";
}

/// <summary>What an entry's design and edits say about the clients of a kind of memory.</summary>
internal static class MemoryClients
{
    /// <summary>The entry's updates of this kind of memory, by client name.</summary>
    public static SortedDictionary<string, MemoryUpdate> UpdatesOf(this MemoryKind kind, ProgrammingDataEntry entry) =>
        kind == MemoryKind.Envm ? entry.EnvmUpdates : entry.SnvmUpdates;

    /// <summary>The design's clients of this kind of memory and their sizes in bytes.</summary>
    public static Dictionary<string, int> ClientSizes(this MemoryKind kind, DesignData design) =>
        kind == MemoryKind.Envm
            ? design.EnvmClients.ToDictionary(client => client.Name, client => client.Size, StringComparer.Ordinal)
            : design.SnvmClients.ToDictionary(client => client.Name, client => client.Size, StringComparer.Ordinal);

    /// <summary>The clients' names for a message: "none" when there are none.</summary>
    public static string ClientList(this MemoryKind kind, DesignData design)
    {
        var names = kind.ClientSizes(design).Keys.ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
