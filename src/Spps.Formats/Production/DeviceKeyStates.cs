using Spps.Devices;

namespace Spps.Formats.Production;

/// <summary>The device's rule of which key modes it still takes an authorisation under.</summary>
public static class DeviceKeyStates
{
    /// <summary>Every bit a device may set; a challenge with another bit is refused.</summary>
    public const DeviceKeyState All = DeviceKeyState.FactoryModesDisabled | DeviceKeyState.UserEcKeyUsed |
                                      DeviceKeyState.HoldsUek1 | DeviceKeyState.HoldsUek2 | DeviceKeyState.HoldsUek3 | DeviceKeyState.HoldsDpk;

    /// <summary>
    /// Whether a device in <paramref name="state"/> takes an authorisation under <paramref name="mode"/>: the factory
    /// modes until user keys are loaded, the user EC key until its first use, a UEKn while the device holds it.
    /// </summary>
    public static bool Allows(this DeviceKeyState state, KeyMode mode) => mode switch
    {
        KeyMode.Dfk or KeyMode.Kfp or KeyMode.Kfpe => !state.HasFlag(DeviceKeyState.FactoryModesDisabled),
        KeyMode.Kup or KeyMode.Kupe => !state.HasFlag(DeviceKeyState.UserEcKeyUsed),
        _ => HoldFlag(mode) is { } held && state.HasFlag(held),
    };

    /// <summary>The flag saying the device holds user encryption key <paramref name="mode"/> (UEK1, UEK2, UEK3), or null for another mode.</summary>
    public static DeviceKeyState? HoldFlag(KeyMode mode) => mode switch
    {
        KeyMode.Uek1 => DeviceKeyState.HoldsUek1,
        KeyMode.Uek2 => DeviceKeyState.HoldsUek2,
        KeyMode.Uek3 => DeviceKeyState.HoldsUek3,
        _ => null,
    };
}
