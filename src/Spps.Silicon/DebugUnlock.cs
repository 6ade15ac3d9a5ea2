using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// How a device takes a one-time debug passcode (silicon's GENERATE_OTP / MATCH_OTP / UNLOCK_DEBUG_PASSCODE): only
/// while its debug is locked, it holds a DPK and a design; the code must answer its live challenge, which it then
/// consumes whatever the outcome; the code must be for DEBUG, under a UEK1 or UEK2 the device holds, and carry the
/// passcode its own DPK makes for that challenge. The unlock lasts until the device's next challenge, PROGRAM or ERASE.
/// </summary>
internal static class DebugUnlock
{
    public const string Lasts = "until the device's next challenge, PROGRAM or ERASE";

    public static DebugAccess AccessOf(DeviceState state) =>
        !SecurityComponent.PolicyOf(state.PolicyFlags).DebugLocked ? DebugAccess.Open
        : state.DebugUnlocked ? DebugAccess.Unlocked
        : DebugAccess.Locked;

    /// <summary>What the device refuses before any ticket is spent, or null: debug not locked, no DPK, no design, or a header not of this device's DEBUG bitstream.</summary>
    public static SiliconResult? PublicRefusal(VirtualDevice device, BitstreamHeader header)
    {
        try
        {
            BitstreamCheck.CheckIdentity(device, header);
            if (header.TypeCode != (byte)BitstreamType.Debug)
            {
                return SiliconCodes.Data($"a debug unlock takes a DEBUG bitstream, not one of type code {header.TypeCode}");
            }

            CheckLocked(device);
            return null;
        }
        catch (Refusal refusal)
        {
            return refusal.Result;
        }
    }

    public static SiliconResult Unlock(VirtualDevice device, byte[] authorization)
    {
        CheckLocked(device);
        var code = AuthorizationCheck.Read(authorization);
        var challenge = AuthorizationCheck.LiveChallenge(device, code);
        try
        {
            if (code.KeyMode is not (KeyMode.Uek1 or KeyMode.Uek2))
            {
                throw new Refusal(SiliconCodes.Authentication($"a debug passcode comes under UEK1 or UEK2, not {AuthorizationCheck.Name(code.KeyMode)}."));
            }

            var (_, entries) = AuthorizationCheck.Open(device, code, challenge, AuthorizedAction.Debug);
            using (entries)
            {
                var dpk = device.Secrets.UserKeys.GetValueOrDefault("DPK") ?? throw new Refusal(SiliconCodes.Key("the device holds no DPK to check a debug passcode with"));
                if (entries.Value(DebugPasscode.EntryName) is not { } passcode || !DebugPasscode.Matches(dpk, device.Dsn, challenge.Nonce, passcode))
                {
                    throw new Refusal(SiliconCodes.Authentication("the debug passcode is not the one this device's DPK makes for its challenge."));
                }
            }
        }
        finally
        {
            // One attempt per challenge, as silicon's one-time passcode: a code that answers it uses it up.
            device.ForgetChallenge();
        }

        device.State.DebugUnlocked = true;
        return SiliconCodes.Ok($"UNLOCK_DEBUG passed: the debug features are unlocked {Lasts}.");
    }

    // Nothing to unlock, no key to check a passcode with, or no design to debug: refused before any key is used.
    private static void CheckLocked(VirtualDevice device)
    {
        var access = AccessOf(device.State);
        if (access != DebugAccess.Locked)
        {
            throw new Refusal(SiliconCodes.DebugRefused(access == DebugAccess.Open
                ? "the security policy does not lock debug: there is nothing to unlock"
                : $"debug is unlocked already, {Lasts}"));
        }

        if (!device.State.UserKeys.Contains("DPK"))
        {
            throw new Refusal(SiliconCodes.Key("the device holds no DPK to check a debug passcode with"));
        }

        if (device.State.DesignName is null)
        {
            throw new Refusal(SiliconCodes.DebugRefused("the device has no design to debug"));
        }
    }
}
