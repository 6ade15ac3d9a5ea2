using System.Security.Cryptography;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The U-HSM's bitstream operation and its sealing policy (docs/security.md, "Sealing policy"). The bitstream type
/// decides everything: an update bitstream (UEK1, UEK2, UEK3) carries the caller's plain design components, each
/// encrypted under the type's own key of the Programming Data's keyset (or the device's key derived from its base key
/// and the header's DSN), and no key record; a key rotation file carries one security component the HSM makes itself,
/// programming the new keyset's keys the rotation sequence names for that file, under the UEK the sequence names —
/// and only when the HSM generated that UEK, so no client can know it. Every other type, and anything else in a
/// request, is refused. All plaintext keys, and the payloads holding them, are zeroed before returning.
/// </summary>
internal static class BitstreamSealer
{
    // What an update bitstream may carry: the design, never a header or a security component of the caller's making.
    private static readonly byte[] _designComponents = [ComponentType.Fabric, ComponentType.G4Envm, ComponentType.G5Envm, ComponentType.EndOfBitstream];

    private const byte G4Family = 5;

    public static BuiltBitstream Seal(SealBitstreamRequest request, byte[] master, string masterUuid)
    {
        CheckShape(request);
        return TypeName(request.Header.TypeCode) switch
        {
            "UEK1" or "UEK2" or "UEK3" => SealUpdate(request, TypeName(request.Header.TypeCode), master, masterUuid),
            "KEY_ROTATION" => SealRotationFile(request, master, masterUuid),
            var type => throw Refused($"the U-HSM makes update (UEK1, UEK2, UEK3) and key rotation bitstreams as files, not {type}: " +
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

    private static BuiltBitstream SealUpdate(SealBitstreamRequest request, string type, byte[] master, string masterUuid)
    {
        if (request.Rotation is not null || request.NewKeyset is not null)
        {
            throw Refused($"a {type} update bitstream takes no key rotation step and no new keyset", "rotation data in an update bitstream");
        }

        if (request.Components.FirstOrDefault(component => !_designComponents.Contains(component.Type)) is { } foreign)
        {
            throw Refused($"an update bitstream carries only design components (fabric 1, memory clients 3 and 6, end of bitstream 127), not a component of type {foreign.Type}; " +
                          "it programs no key", "non-design component in an update bitstream");
        }

        if (request.PerDevice && request.Header.Dsn is null)
        {
            throw Refused($"a per-device {type} bitstream needs the device's DSN in its header", "per-device bitstream without a DSN");
        }

        var mode = Enum.Parse<KeyMode>(type, ignoreCase: true);
        using var keyset = OpenedKeyset.Open(request.Keyset, master, masterUuid);
        var key = request.PerDevice ? new byte[DeviceKeyDerivation.KeyBytes] : keyset.Key(type);
        try
        {
            if (request.PerDevice)
            {
                DeviceKeyDerivation.Derive(keyset.Key(type + "_BASE"), type, request.Header.Dsn, key);
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

    private static BuiltBitstream SealRotationFile(SealBitstreamRequest request, byte[] master, string masterUuid)
    {
        if (request.Rotation is not { } step || request.NewKeyset is null)
        {
            throw Refused("a key rotation file needs its step in the rotation sequence and the keyset of the new keys", "key rotation without its step");
        }

        if (request.Components.Count > 0 || request.PerDevice || request.Header.Dsn is not null)
        {
            throw Refused("a key rotation file carries only the security component the HSM makes, and is for every device (no design component, no DSN)",
                "design data or a DSN in a key rotation file");
        }

        if (request.Header.FamilyCode != G4Family)
        {
            throw Refused($"key rotation is for SmartFusion 2 and IGLOO 2 (family {G4Family}), not family {request.Header.FamilyCode}", "key rotation outside SmartFusion 2 / IGLOO 2");
        }

        var file = RotationFile(step);
        using var current = OpenedKeyset.Open(request.Keyset, master, masterUuid);
        using var next = OpenedKeyset.Open(request.NewKeyset, master, masterUuid);
        var encrypting = file.EncryptedWithNewKey ? next : current;
        if (!encrypting.IsGenerated(file.EncryptingKey))
        {
            throw Refused($"file {file.Number} would seal keys under {file.EncryptingKey} of keyset {encrypting.KeysetId}, which the HSM did not generate " +
                          "(it was imported with create_keyset, or the keyset file predates the record of generated keys), so a client may know it; " +
                          "the HSM seals keys only under keys no client supplied. Make the keyset without importing that key" +
                          (file.EncryptedWithNewKey ? string.Empty : ", or start the rotation with a key set whose UEK the HSM generated (-first_keymode)"),
                          "keys under a client-supplied key");
        }

        var payload = SecurityComponent.WithKeys(SecurityComponent.Policy(step.PolicyFlags),
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

    private static KeyRotationFile RotationFile(KeyRotationStep step)
    {
        if (step.KeySets is < 2 or > 3 || step.FirstKeySet < 1 || step.FirstKeySet > step.KeySets)
        {
            throw Refused($"a key rotation runs over 2 or 3 key sets starting with one of them, not {step.KeySets} key sets starting with set {step.FirstKeySet}",
                "impossible key rotation step");
        }

        var files = KeyRotationSequence.Files(step.FirstKeySet, step.KeySets, KeyRotationSequence.RotatableKeys(step.KeySets));
        return step.File >= 1 && step.File <= files.Count
            ? files[step.File - 1]
            : throw Refused($"a key rotation of {step.KeySets} key sets has files 1 to {files.Count}, not {step.File}", "impossible key rotation step");
    }

    // A request arrives as JSON from any enrolled client: every part must be there before any is used.
    private static void CheckShape(SealBitstreamRequest request)
    {
        if (request.Header?.DesignName is null || request.Components is null || request.Keyset is null || request.Components.Any(c => c?.Payload is null))
        {
            throw new HsmException("BADREQUEST", "The bitstream request is incomplete: it needs a header with a design name, the components with their payloads, and the keyset.");
        }

        if (request.Header.Dsn is { Length: not DeviceKeyDerivation.DsnBytes })
        {
            throw new HsmException("BADREQUEST", $"A DSN has {DeviceKeyDerivation.DsnBytes} bytes, not {request.Header.Dsn.Length}.");
        }
    }

    private static string TypeName(byte code) =>
        BitstreamFormat.TypeCodes.FirstOrDefault(pair => pair.Value == code).Key ?? $"type code {code}";

    private static HsmException Refused(string reason, string rule) =>
        new("POLICY", $"The U-HSM refuses to seal this bitstream: {reason}.") { AuditNote = rule };
}
