namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// A bitstream defined with <c>init_bitstream</c>. Only its settings are kept: the bitstream itself is generated at
/// export, from the Programming Data as it is then.
/// </summary>
public sealed class BitstreamEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>TRUSTED_FACILITY, MASTER (Initiator), UEK1, UEK2, UEK3, KEY_ROTATION or DEBUG.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The selected features, expanded: FABRIC, ENVM, SNVM, SECURITY.</summary>
    public List<string> Features { get; set; } = [];

    /// <summary>AUTH_CODE, UNIQUE_KEY or ONE_TIME_PASSCODE; null when none applies.</summary>
    public string? Protocol { get; set; }

    public List<string> UniqueKeyTypes { get; set; } = [];

    /// <summary>The eNVM clients to program; null for all of them.</summary>
    public List<string>? EnvmClients { get; set; }

    /// <summary>The sNVM clients to program; null for all of them.</summary>
    public List<string>? SnvmClients { get; set; }

    public bool GenerateCoc { get; set; }

    /// <summary>The key mode of the authorization (HSM Initiator: DFK, KFP, KFPE, KUP, KUPE; DEBUG: UEK1, UEK2).</summary>
    public string? AuthKeyMode { get; set; }

    public bool EnableKeyRotation { get; set; }

    public bool AutoIncrementDesignVersion { get; set; }

    public string? FirstKeyMode { get; set; }

    public bool EnablePasskeyExport { get; set; }
}
