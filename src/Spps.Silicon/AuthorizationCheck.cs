using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// How a device takes an authorisation code: for this device, for its live challenge, for this action, under a key
/// mode the device still allows, opening with the device's own secrets. Any failure is a refusal.
/// </summary>
internal static class AuthorizationCheck
{
    private const string Source = "the authorisation code";

    public static (KeyMode Mode, NamedEntries Entries) Open(VirtualDevice device, byte[] authorization, AuthorizedAction action)
    {
        var code = Read(authorization);
        return Open(device, code, LiveChallenge(device, code), action);
    }

    /// <summary>
    /// The device's live challenge that <paramref name="code"/> answers; a code for another device, for no live
    /// challenge (used already) or for another challenge (replayed, or replaced) is refused and changes nothing.
    /// </summary>
    public static DeviceChallenge LiveChallenge(VirtualDevice device, AuthorizationCode code)
    {
        if (!code.Dsn.Equals(device.Dsn))
        {
            throw new Refusal(SiliconCodes.Authentication($"the authorisation code is for device {code.Dsn}, not for this device ({device.Dsn})."));
        }

        if (device.State.Challenge is null || device.Secrets.ChallengePrivateKey is null)
        {
            throw new Refusal(SiliconCodes.Authentication("the device has no live challenge: the authorisation code was used already, or answers no challenge of this device."));
        }

        var challenge = StoredChallenge(device.State.Challenge);
        if (!CryptographicOperations.FixedTimeEquals(challenge.Nonce, code.ChallengeNonce))
        {
            throw new Refusal(SiliconCodes.Authentication("the authorisation code answers a challenge that is not this device's live challenge (it was replayed, or a newer challenge replaced it)."));
        }

        return challenge;
    }

    /// <summary>Opens <paramref name="code"/>, which answers the live <paramref name="challenge"/>, for <paramref name="action"/> with the device's own secrets.</summary>
    public static (KeyMode Mode, NamedEntries Entries) Open(VirtualDevice device, AuthorizationCode code, DeviceChallenge challenge, AuthorizedAction action)
    {
        if (code.Action != action)
        {
            throw new Refusal(SiliconCodes.Authentication($"the authorisation code is for {code.Action.ToString().ToUpperInvariant()}, not for {action.ToString().ToUpperInvariant()}."));
        }

        CheckModeAllowed(device, code.KeyMode);
        using var challengeKey = ECDiffieHellman.Create();
        challengeKey.ImportPkcs8PrivateKey(device.Secrets.ChallengePrivateKey!, out _);
        using var privateKey = AuthorizationCode.EphemeralKeysOf(code.KeyMode) == 0 ? null : ECDiffieHellman.Create();
        privateKey?.ImportPkcs8PrivateKey(code.KeyMode is KeyMode.Kfp or KeyMode.Kfpe ? device.Secrets.FactoryPrivateKey : device.Secrets.UserPrivateKey, out _);
        var holder = privateKey is null ? AuthorizationHolder.Shared(SharedKey(device, code.KeyMode)) : AuthorizationHolder.Private(privateKey, challengeKey);
        try
        {
            return (code.KeyMode, code.Open(challenge, holder, Source));
        }
        catch (ProductionFormatException error)
        {
            throw new Refusal(SiliconCodes.Authentication(error.Message));
        }
    }

    // A bench written before challenges stated the key state may hold a live challenge of the older layout: it is
    // no challenge this device answers any more, so the action is refused and a new challenge must be made.
    private static DeviceChallenge StoredChallenge(byte[] stored)
    {
        try
        {
            return DeviceChallenge.Read(stored, "the device's live challenge");
        }
        catch (ProductionFormatException error)
        {
            throw new Refusal(SiliconCodes.Authentication($"{error.Message}: ask the device for a new challenge."));
        }
    }

    public static AuthorizationCode Read(byte[] authorization)
    {
        try
        {
            return AuthorizationCode.Read(authorization, Source);
        }
        catch (ProductionFormatException error)
        {
            throw new Refusal(SiliconCodes.Authentication(error.Message));
        }
    }

    // The rule the device states in its challenges (DeviceKeyStates.Allows) is the rule it enforces; a UEKn it lacks is
    // refused when its key is looked up.
    private static void CheckModeAllowed(VirtualDevice device, KeyMode mode)
    {
        if (mode is KeyMode.Dfk or KeyMode.Kfp or KeyMode.Kfpe or KeyMode.Kup or KeyMode.Kupe && !device.KeyState.Allows(mode))
        {
            throw new Refusal(SiliconCodes.Disabled(mode is KeyMode.Kup or KeyMode.Kupe
                ? $"the user EC key ({Name(mode)}) is disabled after its first use"
                : $"the factory key mode {Name(mode)} is disabled once user keys are loaded"));
        }

        if ((mode is KeyMode.Kfp or KeyMode.Kfpe or KeyMode.Kup or KeyMode.Kupe) && !device.Die.HasFactoryEccKey)
        {
            throw new Refusal(SiliconCodes.Insufficient($"{device.Die.Name} has no factory EC key for {Name(mode)}"));
        }
    }

    private static byte[] SharedKey(VirtualDevice device, KeyMode mode) => mode == KeyMode.Dfk
        ? device.Secrets.FactoryKey
        : device.Secrets.UserKeys.GetValueOrDefault(Name(mode)) ?? throw new Refusal(SiliconCodes.Key($"the device holds no {Name(mode)}"));

    public static string Name(KeyMode mode) => mode.ToString().ToUpperInvariant();
}
