namespace Spps.Formats.Production;

/// <summary>
/// What a device says of its keys in each challenge (never a value): whether its factory key modes are disabled
/// (user keys are loaded), whether its user EC key was used, which user encryption keys it holds, and whether it holds a debug pass key (DPK). The M-HSM
/// picks the key mode of an authorisation from it, and refuses before a ticket is spent what the device would refuse
/// anyway. It is a statement, not a proof: a station that lies about it only gets a code its device refuses.
/// </summary>
[Flags]
public enum DeviceKeyState : byte
{
    None = 0,
    FactoryModesDisabled = 1,
    UserEcKeyUsed = 2,
    HoldsUek1 = 4,
    HoldsUek2 = 8,
    HoldsUek3 = 16,
    HoldsDpk = 32,
}
