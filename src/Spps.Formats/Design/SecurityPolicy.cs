namespace Spps.Formats.Design;

/// <summary>
/// The security settings a design programs: which user key sets are used, which components are update-protected
/// (their update needs the matching UPK), the debug and JTAG locks, back-level protection, and whether the settings
/// are made permanent (which forbids key rotation).
/// </summary>
public sealed record SecurityPolicy
{
    public bool Uek1Enabled { get; init; } = true;

    public bool Uek2Enabled { get; init; }

    public bool Uek3Enabled { get; init; }

    public bool FabricUpdateProtected { get; init; }

    public bool EnvmUpdateProtected { get; init; }

    public bool SnvmUpdateProtected { get; init; }

    public bool DebugLocked { get; init; }

    public bool JtagLocked { get; init; }

    public bool BackLevelProtection { get; init; }

    public bool Permanent { get; init; }
}
