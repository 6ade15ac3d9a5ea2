using Spps.Devices;

namespace Spps.FpExpress.Projects;

/// <summary>FlashPro Express's programming actions (set_programming_action), and which of them an HSM ticket counts.</summary>
public static class ProgrammingActions
{
    public const string Program = "PROGRAM";
    public const string Verify = "VERIFY";
    public const string Erase = "ERASE";
    public const string ReadIdCode = "READ_IDCODE";
    public const string DeviceInfo = "DEVICE_INFO";
    public const string VerifyDigest = "VERIFY_DIGEST";
    public const string EncDataAuthentication = "ENC_DATA_AUTHENTICATION";

    public static IReadOnlyList<string> All { get; } = [Program, Verify, Erase, ReadIdCode, DeviceInfo, VerifyDigest, EncDataAuthentication];

    /// <summary>The actions an HSM job's ticket controls: the M-HSM counts each and must authorise it first.</summary>
    public static IReadOnlyList<string> Ticketed { get; } = [Program, Erase, Verify];

    /// <summary>The action named <paramref name="action"/> in any case, or a refusal listing the actions.</summary>
    public static string Parse(string action) =>
        All.FirstOrDefault(known => string.Equals(known, action, StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainException(
            $"The action '{action}' is not supported. You must select the programming action from this list: '{string.Join(", ", All)}'.",
            "BADVALUE", "-action", action);

    /// <summary>What a new job project selects for every target, as FlashPro Express does.</summary>
    public const string Default = Program;
}
