namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// One Programming Data entry: the imported design (a JDC copied into the project), its keyset in the HSM flow, and
/// every modification made since. Files are referred to by paths relative to the project folder. Key values appear
/// here only for the non-HSM flow, where they are plaintext by design.
/// </summary>
public sealed class ProgrammingDataEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The device the JDC targets, as the catalog spells it.</summary>
    public string Device { get; set; } = string.Empty;

    public string DesignName { get; set; } = string.Empty;

    public int DesignVersion { get; set; }

    /// <summary>The copied JDC, relative to the project folder.</summary>
    public string DesignFile { get; set; } = string.Empty;

    /// <summary>The keyset (a name in the keyset repository) when the entry is in the HSM flow; null in the non-HSM flow.</summary>
    public string? KeysetFile { get; set; }

    public string? KeysetId { get; set; }

    /// <summary>Keys set with <c>set_key</c> (non-HSM flow): upper-case name to 64 hex digits.</summary>
    public SortedDictionary<string, string> KeyOverrides { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The copied SPM of <c>set_security_overwrite</c>, relative to the project folder.</summary>
    public string? SecurityOverwriteFile { get; set; }

    /// <summary>New keys for key rotation: a keyset name (HSM flow) or key values (non-HSM flow).</summary>
    public string? RotationKeysetFile { get; set; }

    public SortedDictionary<string, string> RotationKeys { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, MemoryUpdate> EnvmUpdates { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, MemoryUpdate> SnvmUpdates { get; set; } = new(StringComparer.Ordinal);

    public List<BitstreamEntry> Bitstreams { get; set; } = [];

    public bool IsHsmFlow => KeysetFile is not null;
}
