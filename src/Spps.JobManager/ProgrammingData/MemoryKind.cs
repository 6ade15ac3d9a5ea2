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
