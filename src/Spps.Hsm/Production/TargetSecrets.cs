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
/// Initiator's <c>KEY_MODE</c>, an update's UEKn), the key a device shares with the M-HSM for that mode, and the
/// entries of a device's authorisation code (docs/production.md, "The authorisation code"). Every key value made here
/// is zeroed after use; the secrets themselves are disposed by their opener.
/// </summary>
internal sealed class TargetSecrets
{
    private readonly TaskSecrets _secrets;
    private readonly string _target;
    private readonly bool _initiator;

    private TargetSecrets(TaskSecrets secrets, string target, bool initiator, KeyMode keyMode)
    {
        _secrets = secrets;
        _target = target;
        _initiator = initiator;
        KeyMode = keyMode;
    }

    public KeyMode KeyMode { get; }

    /// <summary>Reads what production needs from a target's secrets; a target the U-HSM never seals (STORE: damaged) is refused.</summary>
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
            "UEK1" => KeyMode.Uek1,
            "UEK2" => KeyMode.Uek2,
            "UEK3" => KeyMode.Uek3,
            _ => KeyMode.None,
        };
        if (mode == KeyMode.None || secrets.Value(TaskSecrets.Kip) is not { Length: KeyNames.KeyBytes })
        {
            throw new HsmException("BAD_CONTAINER", $"The sealed secrets of target '{target}' are not an HSM job target's (type {type ?? "none"}, no key mode or KIP).");
        }

        return new TargetSecrets(secrets, target, type == "MASTER", mode);
    }

    /// <summary>
    /// What the device holds and the M-HSM seals to: FK for DFK, the device's UEKn for an update (the project value,
    /// derived from the base key for UNIQUE_KEY, or the one device's key of a <c>-dsn</c> job, refused for another
    /// device), or its public key — the certificate's factory key for KFP/KFPE, the statement's user key for KUP/KUPE.
    /// </summary>
    public AuthorizationRecipient Recipient(HsmModule module, DeviceCertificate certificate, UserKeyStatement? statement)
    {
        if (KeyMode is KeyMode.Kfp or KeyMode.Kfpe)
        {
            return AuthorizationRecipient.Public(certificate.FactoryPublicKey);
        }

        if (KeyMode is KeyMode.Kup or KeyMode.Kupe)
        {
            return AuthorizationRecipient.Public(statement!.UserPublicKey);
        }

        var key = KeyMode == KeyMode.Dfk ? module.FactoryKey(certificate.Dsn) : UpdateKey(certificate.Dsn);
        try
        {
            return AuthorizationRecipient.Shared(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The code's entries for <paramref name="action"/> on device <paramref name="dsn"/>; the caller disposes them (zeroing every value).</summary>
    public NamedEntries Entries(AuthorizedAction action, Dsn dsn)
    {
        var entries = new NamedEntries();
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

    private byte[] UpdateKey(Dsn dsn)
    {
        var type = KeyMode.ToString().ToUpperInvariant();
        if (_secrets.Value(type) is { } value)
        {
            return value.ToArray();
        }

        if (_secrets.Value(KeyNames.BaseOf(type)) is { } baseKey)
        {
            return Derived(baseKey, type, dsn);
        }

        var perDevice = _secrets.Names.FirstOrDefault(name => name.StartsWith(type + "@", StringComparison.Ordinal));
        return perDevice == $"{type}@{dsn}"
            ? _secrets.Value(perDevice)!.ToArray()
            : throw new HsmException("WRONG_DEVICE",
                $"The update bitstream of target '{_target}' is for device {perDevice?[(type.Length + 1)..] ?? "(none)"} only (exported with -dsn), not for device {dsn}.");
    }

    private static byte[] Derived(byte[] baseKey, string keyType, Dsn dsn)
    {
        var key = new byte[DeviceKeyDerivation.KeyBytes];
        DeviceKeyDerivation.Derive(baseKey, keyType, dsn.ToArray(), key);
        return key;
    }
}
