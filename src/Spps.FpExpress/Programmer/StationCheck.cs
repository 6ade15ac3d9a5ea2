using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Silicon;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// What the station checks before it asks the M-HSM to spend a ticket, from the bitstream and what the device shows of
/// itself (its DSN, design and policy, as DEVICE_INFO does): a bitstream the device would refuse anyway must not cost a
/// device of the ticket. The device still makes every check of its own afterwards.
/// </summary>
public static class StationCheck
{
    /// <summary>Why <paramref name="device"/> would refuse the data of <paramref name="action"/>, or null.</summary>
    public static string? Problem(VirtualDevice device, string action, ProgrammingFile file)
    {
        if (action == Projects.ProgrammingActions.Erase)
        {
            return null;
        }

        BitstreamHeader header;
        try
        {
            header = BitstreamFormat.Read(file.Bitstream).Header;
        }
        catch (FormatException error)
        {
            return $"the bitstream is damaged or altered ({error.Message.TrimEnd('.')})";
        }

        if (header.Dsn is { } dsn && !Dsn.FromBytes(dsn).Equals(device.Dsn))
        {
            return $"the bitstream is bound to DSN {Dsn.FromBytes(dsn)}, not the device's";
        }

        var state = device.State;
        return action == Projects.ProgrammingActions.Program && SecurityComponent.PolicyOf(state.PolicyFlags).BackLevelProtection && state.DesignName is not null &&
               header.DesignVersion <= state.BackLevel
            ? $"its design version {header.DesignVersion} is not greater than the device's back level {state.BackLevel} (back-level protection)"
            : null;
    }
}
