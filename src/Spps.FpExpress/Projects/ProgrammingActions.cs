using Spps.Devices;

namespace Spps.FpExpress.Projects;

/// <summary>
/// FlashPro Express's programming actions (set_programming_action), which of them an HSM ticket counts, and the one
/// action of a debug job's targets, DEBUG (unlock_debug), which no programming job selects.
/// </summary>
public static class ProgrammingActions
{
    public const string Program = "PROGRAM";
    public const string Verify = "VERIFY";
    public const string Erase = "ERASE";
    public const string ReadIdCode = "READ_IDCODE";
    public const string DeviceInfo = "DEVICE_INFO";
    public const string VerifyDigest = "VERIFY_DIGEST";
    public const string EncDataAuthentication = "ENC_DATA_AUTHENTICATION";

    /// <summary>The action of every target of a debug job: unlock_debug spends a DEBUG ticket of the target for it.</summary>
    public const string Debug = "DEBUG";

    public static IReadOnlyList<string> All { get; } = [Program, Verify, Erase, ReadIdCode, DeviceInfo, VerifyDigest, EncDataAuthentication];

    /// <summary>Every action a job project records: the programming actions and a debug job's DEBUG.</summary>
    public static IReadOnlyList<string> Recorded { get; } = [.. All, Debug];

    /// <summary>The actions an HSM job's ticket controls: the M-HSM counts each and must authorise it first.</summary>
    public static IReadOnlyList<string> Ticketed { get; } = [Program, Erase, Verify];

    /// <summary>The action named <paramref name="action"/> in any case, or a refusal listing the actions.</summary>
    public static string Parse(string action) =>
        All.FirstOrDefault(known => string.Equals(known, action, StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainException(
            $"The action '{action}' is not supported. You must select the programming action from this list: '{string.Join(", ", All)}'.",
            "BADVALUE", "-action", action);

    /// <summary>What a new job project selects for every target: PROGRAM, as FlashPro Express does; DEBUG in a debug job.</summary>
    public static string DefaultOf(ProductionJob job) => job.IsDebugJob ? Debug : Program;
}
