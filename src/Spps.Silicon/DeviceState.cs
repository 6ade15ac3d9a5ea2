namespace Spps.Silicon;

/// <summary>
/// What a virtual device's state shows to anyone (its bench's file keeps it in clear): identity, certificates, which
/// user keys are set (never a value), key modes still allowed, policy, design, programmed components, cycles and the
/// last result. Its secrets are in <see cref="DeviceSecrets"/>.
/// </summary>
public sealed class DeviceState
{
    public required string Die { get; init; }

    /// <summary>The DSN, 32 hex digits.</summary>
    public required string Dsn { get; init; }

    public required byte[] Certificate { get; init; }

    public required byte[] UserKeyStatement { get; init; }

    /// <summary>The user keys the device holds, by name (UPK1, UEK1, …).</summary>
    public List<string> UserKeys { get; set; } = [];

    /// <summary>The security component's policy flags last programmed (bits as SecurityComponent defines them).</summary>
    public ushort PolicyFlags { get; set; }

    /// <summary>KLK, DFK, KFP and KFPE are disabled once user keys are loaded.</summary>
    public bool FactoryModesDisabled { get; set; }

    /// <summary>The user EC key (KUP, KUPE) is disabled after its first use.</summary>
    public bool UserEcKeyUsed { get; set; }

    public string? DesignName { get; set; }

    public ushort DesignVersion { get; set; }

    public ushort BackLevel { get; set; }

    public ushort Checksum { get; set; }

    /// <summary>The programmed components by slot (FABRIC, ENVM:name, SNVM:name, …): SHA-256 of each as it stood in its bitstream, in hex.</summary>
    public SortedDictionary<string, string> Components { get; set; } = new(StringComparer.Ordinal);

    public int Cycles { get; set; }

    public string? LastResult { get; set; }

    /// <summary>The certificate of conformance of the last PROGRAM made with a CoC key.</summary>
    public byte[]? LastCoc { get; set; }

    /// <summary>Whether a debug passcode unlocked the debug features since the device's last challenge, PROGRAM or ERASE.</summary>
    public bool DebugUnlocked { get; set; }

    /// <summary>The live challenge (its private part is in the secrets), or null.</summary>
    public byte[]? Challenge { get; set; }
}
