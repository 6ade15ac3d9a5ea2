using System.Globalization;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// What a device's state says about it, as DEVICE_INFO answers and <c>spps-bench show</c> prints it: IDCODE, DSN,
/// design, which user keys are set (never a value), key modes, security settings and cycles.
/// </summary>
public static class DeviceReport
{
    public static IReadOnlyList<string> Lines(Die die, DeviceState state)
    {
        var policy = SecurityComponent.PolicyOf(state.PolicyFlags);
        return
        [
            $"IDCODE = {die.IdCode:X8} ({die.Name})",
            $"DSN = {state.Dsn}",
            state.DesignName is null ? "Design = none" : $"Design = {state.DesignName}, version {state.DesignVersion}, back level {state.BackLevel}, checksum {state.Checksum:X4}",
            $"User keys = {(state.UserKeys.Count == 0 ? "none" : string.Join(" ", state.UserKeys))}",
            $"Factory key modes = {(state.FactoryModesDisabled ? "disabled" : "enabled")}, user EC key = {(state.UserEcKeyUsed ? "used" : "available")}",
            $"Security = update protection fabric {Yes(policy.FabricUpdateProtected)} eNVM {Yes(policy.EnvmUpdateProtected)} sNVM {Yes(policy.SnvmUpdateProtected)}, " +
            $"back level protection {Yes(policy.BackLevelProtection)}, debug lock {Yes(policy.DebugLocked)}, JTAG lock {Yes(policy.JtagLocked)}",
            $"Debug = {DebugUnlock.AccessOf(state) switch
            {
                DebugAccess.Open => "open (the security policy does not lock it)",
                DebugAccess.Unlocked => $"unlocked ({DebugUnlock.Lasts})",
                _ => "locked",
            }}",
            $"Cycles = {state.Cycles.ToString(CultureInfo.InvariantCulture)}",
        ];
    }

    /// <summary>What READ_DEBUG_INFO answers once debug is open: the lines above, the key state and each programmed component's digest.</summary>
    public static IReadOnlyList<string> DebugLines(Die die, DeviceState state, DeviceKeyState keyState) =>
    [
        .. Lines(die, state),
        $"Key state = {(byte)keyState:X2} ({keyState})",
        .. state.Components.Select(component => $"Component {component.Key} = {component.Value}"),
    ];

    private static string Yes(bool value) => value ? "on" : "off";
}
