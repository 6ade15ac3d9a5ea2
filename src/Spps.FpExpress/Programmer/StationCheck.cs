using Spps.Formats.Production;
using Spps.FpExpress.Projects;
using Spps.Silicon;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// What the station checks before it asks the M-HSM to spend a ticket: what the device itself says it would refuse of
/// the bitstream before any key is used (the data, IDCODE and DSN binding, the type against its state, back level), so
/// that a bitstream the device would refuse anyway does not cost a device of the ticket. The device still makes every
/// check of its own when the action runs; what needs its keys the M-HSM checks from the device's challenge.
/// </summary>
public static class StationCheck
{
    /// <summary>Why <paramref name="device"/> would refuse the data of <paramref name="action"/>, or null.</summary>
    public static string? Problem(VirtualDevice device, string action, ProgrammingFile file) => action == ProgrammingActions.Erase
        ? null
        : device.PublicRefusal(file.Bitstream, action == ProgrammingActions.Program ? AuthorizedAction.Program : AuthorizedAction.Verify)?.Message;
}
