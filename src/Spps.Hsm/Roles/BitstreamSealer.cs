using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The U-HSM's bitstream operation under its sealing policy (<see cref="SealingPolicy"/>, docs/security.md). The
/// bitstream type decides everything: an update bitstream (UEK1, UEK2, UEK3) carries the caller's plain design
/// components, each encrypted under the type's own key of the Programming Data's keyset (or the device's key derived
/// from its base key and the header's DSN), and no key record; a key rotation file carries one security component the
/// HSM makes itself, programming the new keyset's keys the rotation sequence names for that file, under the UEK the
/// sequence names — and only when the HSM generated that UEK, so no client can know it. Every other type, and
/// anything else in a request, is refused. All plaintext keys, and the payloads holding them, are zeroed before
/// returning.
/// </summary>
internal static class BitstreamSealer
{
    public static BuiltBitstream Seal(SealBitstreamRequest given, byte[] master, string masterUuid)
    {
        var request = SealingPolicy.Snapshot(given);
        SealingPolicy.CheckShape(request);
        var die = SealingPolicy.Die(request.Header);
        return TypeName(request.Header.TypeCode) switch
        {
            "UEK1" or "UEK2" or "UEK3" => SealUpdate(request, TypeName(request.Header.TypeCode), die, master, masterUuid),
            "KEY_ROTATION" => SealRotationFile(request, die, master, masterUuid),
            var type => throw SealingPolicy.Refused($"the U-HSM makes update (UEK1, UEK2, UEK3) and key rotation bitstreams as files, not {type}: " +
                                                    "a MASTER or DEBUG bitstream of the HSM flow is sealed for a manufacturer HSM in an HSM job, and TRUSTED_FACILITY is for the non-HSM flow",
                                                    "bitstream type not sealed as a file"),
        };
    }

    /// <summary>What the audit log says of a sealed bitstream: its type, size, device and keysets (never a key).</summary>
    public static string Describe(SealBitstreamRequest request)
    {
        var device = request.Header.Dsn is { } dsn ? $" for DSN {Convert.ToHexString(dsn)}" : string.Empty;
        var keysets = request.NewKeyset is { } next ? $"keysets {request.Keyset.KeysetId}, {next.KeysetId}" : $"keyset {request.Keyset.KeysetId}";
        var step = request.Rotation is { } rotation ? $" file {rotation.File}" : string.Empty;
        return $"{TypeName(request.Header.TypeCode)}{step}, {request.Components.Count} design component(s){device}, {keysets}";
    }

    private static BuiltBitstream SealUpdate(SealBitstreamRequest request, string type, Die die, byte[] master, string masterUuid)
    {
        SealingPolicy.CheckUpdate(request, type, die);
        var mode = Enum.Parse<KeyMode>(type, ignoreCase: true);
        using var keyset = OpenedKeyset.Open(request.Keyset, master, masterUuid);
        var key = request.PerDevice ? new byte[DeviceKeyDerivation.KeyBytes] : keyset.Key(type);
        try
        {
            if (request.PerDevice)
            {
                DeviceKeyDerivation.Derive(keyset.Key(KeyNames.BaseOf(type)), type, request.Header.Dsn, key);
            }

            return BitstreamFormat.Build(request.Header, [.. request.Components.Select(component => new BitstreamComponent(component.Type, mode, component.Payload))], _ => key);
        }
        finally
        {
            if (request.PerDevice)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static BuiltBitstream SealRotationFile(SealBitstreamRequest request, Die die, byte[] master, string masterUuid)
    {
        var file = SealingPolicy.CheckRotation(request, die);
        using var current = OpenedKeyset.Open(request.Keyset, master, masterUuid);
        using var next = OpenedKeyset.Open(request.NewKeyset!, master, masterUuid);
        var encrypting = file.EncryptedWithNewKey ? next : current;
        if (!encrypting.IsGenerated(file.EncryptingKey))
        {
            throw SealingPolicy.Refused($"file {file.Number} would seal keys under {file.EncryptingKey} of keyset {encrypting.KeysetId}, which the HSM did not generate " +
                                        "(it was imported with create_keyset, or the keyset file predates the record of generated keys), so a client may know it; " +
                                        "the HSM seals keys only under keys no client supplied. Make the keyset without importing that key" +
                                        (file.EncryptedWithNewKey ? string.Empty : ", or start the rotation with a key set whose UEK the HSM generated (-first_keymode)"),
                                        "keys under a client-supplied key");
        }

        var payload = SecurityComponent.WithKeys(SecurityComponent.Policy(request.Rotation!.PolicyFlags),
            [.. file.ProgrammedKeys.Select(name => (SecurityComponent.KeyId(name), next.Key(name)))]);
        try
        {
            var mode = Enum.Parse<KeyMode>(file.EncryptingKey, ignoreCase: true);
            return BitstreamFormat.Build(request.Header, [new BitstreamComponent(ComponentType.Keys, mode, payload)], _ => encrypting.Key(file.EncryptingKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    private static string TypeName(byte code) =>
        BitstreamTypes.FromCode(code)?.Name() ?? $"type code {code}";
}
