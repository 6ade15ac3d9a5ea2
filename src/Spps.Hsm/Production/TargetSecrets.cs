using System.Globalization;
using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;
using Spps.Hsm.Crypto;
using Spps.Hsm.HsmJobs;

namespace Spps.Hsm.Production;

/// <summary>
/// A target's opened task secrets read for production: which key mode its authorisations are made under (an
/// Initiator's <c>KEY_MODE</c>, an update's UEKn, or for a VERIFY or ERASE of an Initiator the UEK it programmed), the key a device shares with the M-HSM for that mode, and the
/// entries of a device's authorisation code (docs/production.md, "The authorisation code"). Every key value made here
/// is zeroed after use; the secrets themselves are disposed by their opener.
/// </summary>
internal sealed class TargetSecrets
{
    private const string Upk1 = "UPK1";
    private const string Dpk = "DPK";
    private const string OneTimePasscode = "ONE_TIME_PASSCODE";
    private static readonly KeyMode[] UserEncryptionKeys = [KeyMode.Uek1, KeyMode.Uek2, KeyMode.Uek3];

    private readonly TaskSecrets _secrets;
    private readonly string _target;
    private readonly bool _initiator;

    private TargetSecrets(TaskSecrets secrets, string target, string type, KeyMode keyMode)
    {
        _secrets = secrets;
        _target = target;
        _initiator = type == "MASTER";
        Type = type;
        KeyMode = keyMode;
    }

    public KeyMode KeyMode { get; }

    /// <summary>
    /// Reads what production needs from a target's secrets; a target the U-HSM never seals (STORE: damaged) is refused,
    /// as are a debug target's secrets not of the contract's shape (docs/production.md, "Debug unlock").
    /// </summary>
    public static TargetSecrets Of(TaskSecrets secrets, string target)
    {
        var type = secrets.Text(TaskSecrets.Type);
        var mode = type switch
        {
            "MASTER" => secrets.Text(TaskSecrets.KeyMode) switch
            {
                "DFK" => KeyMode.Dfk,
                "KFP" => KeyMode.Kfp,
                "KFPE" => KeyMode.Kfpe,
                "KUP" => KeyMode.Kup,
                "KUPE" => KeyMode.Kupe,
                _ => KeyMode.None,
            },
            "DEBUG" => secrets.Text(TaskSecrets.KeyMode) switch
            {
                "UEK1" => KeyMode.Uek1,
                "UEK2" => KeyMode.Uek2,
                _ => KeyMode.None,
            },
            "UEK1" => KeyMode.Uek1,
            "UEK2" => KeyMode.Uek2,
            "UEK3" => KeyMode.Uek3,
            _ => KeyMode.None,
        };
        if (type == "DEBUG")
        {
            return DebugProblem(secrets, mode) is { } problem
                ? throw new HsmException("BAD_CONTAINER", $"The sealed secrets of target '{target}' are not a debug target's: {problem}.")
                : new TargetSecrets(secrets, target, type, mode);
        }

        if (mode == KeyMode.None || secrets.Value(TaskSecrets.Kip) is not { Length: KeyNames.KeyBytes })
        {
            throw new HsmException("BAD_CONTAINER", $"The sealed secrets of target '{target}' are not an HSM job target's (type {type ?? "none"}, no key mode or KIP).");
        }

        return new TargetSecrets(secrets, target, type!, mode);
    }

    /// <summary>The bitstream type the target's secrets are of (MASTER, UEK1, UEK2, UEK3, DEBUG).</summary>
    public string Type { get; }

    /// <summary>Whether the target is a DEBUG bitstream's: its secrets serve DEBUG tickets only, and only they serve one.</summary>
    public bool IsDebug => Type == "DEBUG";

    /// <summary>
    /// The key mode of an authorisation of <paramref name="action"/> for a device whose challenge states
    /// <paramref name="device"/>: the target's own mode while the device allows it; for a VERIFY or ERASE of an
    /// Initiator whose device no longer allows it (its PROGRAM loaded user keys and disabled the factory modes, or used
    /// the user EC key), the first user encryption key the design programs that the device holds. Anything else the
    /// device would refuse, so it is refused here, before a ticket is spent.
    /// </summary>
    public KeyMode ModeFor(AuthorizedAction action, DeviceKeyState device, Dsn dsn)
    {
        if (IsDebug)
        {
            return DebugModeFor(device, dsn);
        }

        if (device.Allows(KeyMode))
        {
            return KeyMode;
        }

        var programmed = _initiator ? UserEncryptionKeys.Where(Programs).ToList() : [];
        if (action != AuthorizedAction.Program && programmed.FirstOrDefault(mode => device.Allows(mode)) is var uek and not KeyMode.None)
        {
            return uek;
        }

        var why = KeyMode switch
        {
            KeyMode.Dfk or KeyMode.Kfp or KeyMode.Kfpe => "its factory key modes are disabled (user keys are loaded)",
            KeyMode.Kup or KeyMode.Kupe => "its user EC key was used already",
            _ => $"it holds no {Name(KeyMode)}",
        };
        var instead = action == AuthorizedAction.Program ? string.Empty
            : programmed.Count == 0 ? "; the design programs no user encryption key to authorise it under instead"
            : $"; nor does it hold {string.Join(" or ", programmed.Select(Name))}, which the design programs";
        throw new HsmException("KEY_MODE_DISABLED",
            $"The device {dsn} says {why}: it would refuse a {action.ToString().ToUpperInvariant()} of target '{_target}' authorised under {Name(KeyMode)}{instead}. Nothing was spent.");
    }

    // A debug unlock is sealed under the target's UEKn, which the device must hold, and checked against its DPK.
    private KeyMode DebugModeFor(DeviceKeyState device, Dsn dsn)
    {
        var (code, why) = !device.Allows(KeyMode) ? ("KEY_MODE_DISABLED", $"it holds no {Name(KeyMode)}: it would refuse a DEBUG of target '{_target}' authorised under {Name(KeyMode)}")
            : !device.HasFlag(DeviceKeyState.HoldsDpk) ? ("NO_DEBUG_KEY", $"it holds no DPK: it has no debug pass key to check a passcode with, so it would refuse a DEBUG of target '{_target}'")
            : (null, null);
        return code is null ? KeyMode : throw new HsmException(code, $"The device {dsn} says {why}. Nothing was spent.");
    }

    /// <summary>
    /// What the device holds and the M-HSM seals to under <paramref name="mode"/>: FK for DFK, the device's UEKn (the
    /// project value, derived from the base key for UNIQUE_KEY, or the one device's key of a <c>-dsn</c> job, refused
    /// for another device), or its public key — the certificate's factory key for KFP/KFPE, the statement's user key
    /// for KUP/KUPE.
    /// </summary>
    public AuthorizationRecipient Recipient(KeyMode mode, HsmModule module, DeviceCertificate certificate, UserKeyStatement? statement)
    {
        if (mode is KeyMode.Kfp or KeyMode.Kfpe)
        {
            return AuthorizationRecipient.Public(certificate.FactoryPublicKey);
        }

        if (mode is KeyMode.Kup or KeyMode.Kupe)
        {
            return AuthorizationRecipient.Public(statement!.UserPublicKey);
        }

        if (IsDebug)
        {
            // A one-device target's DPK is that device's only: another device is refused here, before the spend.
            RequireServes(Dpk, certificate.Dsn);
        }

        var key = mode == KeyMode.Dfk ? module.FactoryKey(certificate.Dsn) : UserKey(Name(mode), certificate.Dsn);
        try
        {
            return AuthorizationRecipient.Shared(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The code's entries for <paramref name="action"/> on the device of <paramref name="challenge"/>: for a DEBUG
    /// only the device's passcode for that challenge (its DPK stays here); otherwise KIP, for a PROGRAM of an
    /// Initiator the keys it programs and the CoC key, for an ERASE of an Initiator whose design programs UPK1 the
    /// device's UPK1, which unlocks an update-protected fabric. The caller disposes them (zeroing every value).
    /// </summary>
    public NamedEntries Entries(AuthorizedAction action, DeviceChallenge challenge)
    {
        var dsn = challenge.Dsn;
        var entries = new NamedEntries();
        if (IsDebug)
        {
            var dpk = UserKey(Dpk, dsn);
            var passcode = DebugPasscode.Compute(dpk, dsn, challenge.Nonce);
            entries.Add(DebugPasscode.EntryName, passcode);
            CryptographicOperations.ZeroMemory(dpk);
            CryptographicOperations.ZeroMemory(passcode);
            return entries;
        }

        var kip = _secrets.Value(TaskSecrets.Kip)!;
        entries.Add(AuthorizationCode.Kip, kip);
        if (_initiator && action == AuthorizedAction.Program)
        {
            var keys = SecurityComponentPayload(dsn);
            entries.Add(AuthorizationCode.Keys, keys);
            CryptographicOperations.ZeroMemory(keys);
            if (_secrets.Text(TaskSecrets.Coc) == "TRUE")
            {
                var coc = CertificateOfConformance.DeriveKey(kip, dsn.ToArray());
                entries.Add(AuthorizationCode.CocKey, coc);
                CryptographicOperations.ZeroMemory(coc);
            }
        }

        if (_initiator && action == AuthorizedAction.Erase && Programs(Upk1))
        {
            var upk1 = UserKey(Upk1, dsn);
            entries.Add(Upk1, upk1);
            CryptographicOperations.ZeroMemory(upk1);
        }

        return entries;
    }

    // The Initiator's security component payload: its policy flags and the user keys it programs, each the project
    // value or, for UNIQUE_KEY, the device's own key derived from the base key and the DSN.
    private byte[] SecurityComponentPayload(Dsn dsn)
    {
        var flags = ushort.Parse(_secrets.Text(TaskSecrets.Policy) ?? "0000", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var keys = new List<(byte Id, byte[] Value)>();
        try
        {
            foreach (var name in KeyNames.User)
            {
                if (_secrets.Value(name) is { } value)
                {
                    keys.Add((SecurityComponent.KeyId(name), value.ToArray()));
                }
                else if (_secrets.Value(KeyNames.BaseOf(name)) is { } baseKey)
                {
                    keys.Add((SecurityComponent.KeyId(name), Derived(baseKey, name, dsn)));
                }
            }

            return SecurityComponent.WithKeys(SecurityComponent.Policy(flags), keys);
        }
        finally
        {
            keys.ForEach(key => CryptographicOperations.ZeroMemory(key.Value));
        }
    }

    // Whether the Initiator's design programs the user key (its project value, or the base key of a UNIQUE_KEY type).
    private bool Programs(KeyMode mode) => Programs(Name(mode));

    private bool Programs(string name) => _secrets.Value(name) is not null || _secrets.Value(KeyNames.BaseOf(name)) is not null;

    // A device's user key: the project value, derived from the base key for UNIQUE_KEY, or the one device's key of an
    // update exported with -dsn (refused for any other device).
    private byte[] UserKey(string name, Dsn dsn)
    {
        if (_secrets.Value(name) is { } value)
        {
            return value.ToArray();
        }

        if (_secrets.Value(KeyNames.BaseOf(name)) is { } baseKey)
        {
            return Derived(baseKey, name, dsn);
        }

        RequireServes(name, dsn);
        return _secrets.Value($"{name}@{dsn}")!.ToArray();
    }

    // A key sealed for one device only (a -dsn target) serves that device and no other; a project value or a base key
    // serves every device.
    private void RequireServes(string name, Dsn dsn)
    {
        if (_secrets.Value(name) is not null || _secrets.Value(KeyNames.BaseOf(name)) is not null)
        {
            return;
        }

        var perDevice = _secrets.Names.FirstOrDefault(entry => entry.StartsWith(name + "@", StringComparison.Ordinal));
        if (perDevice != $"{name}@{dsn}")
        {
            throw new HsmException("WRONG_DEVICE",
                $"The {(IsDebug ? "debug" : "update")} bitstream of target '{_target}' is for device {perDevice?[(name.Length + 1)..] ?? "(none)"} only (exported with -dsn), not for device {dsn}.");
        }
    }

    // The contract's shape of a debug target: ONE_TIME_PASSCODE, key mode UEK1 or UEK2, that key and the DPK each named
    // once (project value, base key, or one device's) with a key's length, no KIP, nothing else. Anyone holding the
    // task public key can seal entries, and a key of another length is no device's: refused before a ticket is spent.
    private static string? DebugProblem(TaskSecrets secrets, KeyMode mode)
    {
        if (mode == KeyMode.None)
        {
            return $"its key mode {secrets.Text(TaskSecrets.KeyMode) ?? "(none)"} is not UEK1 or UEK2";
        }

        if (secrets.Text(TaskSecrets.Protocol) != OneTimePasscode)
        {
            return $"its protocol {secrets.Text(TaskSecrets.Protocol) ?? "(none)"} is not {OneTimePasscode}";
        }

        string[] settings = [TaskSecrets.Type, TaskSecrets.Protocol, TaskSecrets.KeyMode];
        var keys = secrets.Names.Except(settings).ToList();
        var missing = new[] { Name(mode), Dpk }.FirstOrDefault(name => keys.Count(entry => entry == name || entry == KeyNames.BaseOf(name) || entry.StartsWith(name + "@", StringComparison.Ordinal)) != 1);
        return missing is not null ? $"it does not name its {missing} once"
            : keys.Count != 2 ? $"it holds entries besides its settings, {Name(mode)} and DPK ({string.Join(", ", keys)})"
            : keys.FirstOrDefault(key => secrets.Value(key) is not { Length: KeyNames.KeyBytes }) is { } odd ? $"its {odd} is not a key of {KeyNames.KeyBytes} bytes"
            : null;
    }

    private static string Name(KeyMode mode) => mode.ToString().ToUpperInvariant();

    private static byte[] Derived(byte[] baseKey, string keyType, Dsn dsn)
    {
        var key = new byte[DeviceKeyDerivation.KeyBytes];
        DeviceKeyDerivation.Derive(baseKey, keyType, dsn.ToArray(), key);
        return key;
    }
}
