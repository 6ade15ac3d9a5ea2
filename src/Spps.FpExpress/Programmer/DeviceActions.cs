using Spps.FpExpress.Projects;
using Spps.Silicon;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// One programming action on one virtual device with a programming file's data, as a programmer shifts it in: the
/// bitstream for PROGRAM, VERIFY, VERIFY_DIGEST and ENC_DATA_AUTHENTICATION, the erase component for ERASE, the
/// authorisation code of a ticketed action, and the passcode a DAT file carries.
/// </summary>
public static class DeviceActions
{
    /// <summary>
    /// The ticket action that authorises <paramref name="action"/> in an HSM job, or null when the action needs none:
    /// ENC_DATA_AUTHENTICATION opens the components under KIP as VERIFY does, so it is counted on the VERIFY ticket.
    /// </summary>
    public static string? TicketActionOf(string action) => action switch
    {
        ProgrammingActions.Program or ProgrammingActions.Erase or ProgrammingActions.Verify => action,
        ProgrammingActions.EncDataAuthentication => ProgrammingActions.Verify,
        _ => null,
    };

    public static SiliconResult Run(VirtualDevice device, string action, ProgrammingFile file, byte[]? authorization) => action switch
    {
        ProgrammingActions.Program => device.Program(file.Bitstream, authorization, file.Upk1),
        ProgrammingActions.Verify => device.Verify(file.Bitstream, authorization, file.Upk1),
        ProgrammingActions.Erase => device.Erase(file.EraseComponent, authorization, file.Upk1),
        ProgrammingActions.ReadIdCode => device.ReadIdCode(),
        ProgrammingActions.DeviceInfo => device.DeviceInfo(),
        ProgrammingActions.VerifyDigest => device.VerifyDigest(file.Bitstream),
        ProgrammingActions.EncDataAuthentication => device.EncDataAuthentication(file.Bitstream, authorization),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a programming action"),
    };

    /// <summary>The result line FlashPro Express prints for a device, with the device's DirectC exit code and message.</summary>
    public static string ResultLine(int board, string device, VirtualDevice silicon, string action, SiliconResult result) =>
        $"Board {board}, device '{device}' ({silicon.Die.Name}, DSN {silicon.Dsn}): {action} {(result.Passed ? "PASSED" : "FAILED")} " +
        $"(exit code {result.Code}: {result.Message.Replace("\n", "; ", StringComparison.Ordinal)})";
}
