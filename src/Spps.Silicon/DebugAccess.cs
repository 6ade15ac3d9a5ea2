namespace Spps.Silicon;

/// <summary>
/// Whether a debugger can read a device (docs/silicon.md, "Debug"): open when its security policy does not lock debug,
/// locked when it does, unlocked after a debug passcode until the device's next challenge, PROGRAM or ERASE.
/// </summary>
public enum DebugAccess
{
    Open,
    Locked,
    Unlocked,
}
