using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The rules of the U-HSM's bitstream operation that need no key (docs/security.md, "Sealing policy"): what a request
/// of each bitstream type may carry, checked against the die its header names. Every refusal is a <c>POLICY</c>
/// error whose audit note names the rule.
/// </summary>
internal static class SealingPolicy
{
    // A design has one fabric, a few memory clients and one end of bitstream; far fewer than the header can count.
    public const int MaximumComponents = 256;

    /// <summary>
    /// The request as the HSM checks and seals it: its own copy of everything a caller in this process could change
    /// while the operation runs and that the HSM checks or reads more than once (a list changed between the check and
    /// the sealing, a DSN, a keyset). A component's payload is not copied here: no rule reads it, and
    /// <see cref="BitstreamFormat.Build"/> reads it once, into the bitstream, where its nonce is made and it is
    /// encrypted, so a payload changed meanwhile cannot get two plaintexts under one nonce — and a design of tens of
    /// megabytes is not copied twice. Missing parts stay missing, for <see cref="CheckShape"/> to name.
    /// </summary>
    public static SealBitstreamRequest Snapshot(SealBitstreamRequest request) => request with
    {
        Header = request.Header is { } header ? header with { Dsn = header.Dsn?.ToArray() } : null!,
        Components = request.Components?.ToList()!,
        Keyset = Copy(request.Keyset),
        NewKeyset = Copy(request.NewKeyset),
    };

    /// <summary>The die the header's IDCODE names, which must be of the header's family.</summary>
    public static Die Die(BitstreamHeader header)
    {
        var die = DeviceCatalog.ByIdCode(header.IdCode).FirstOrDefault()
                  ?? throw Refused($"the header's IDCODE {header.IdCode:X8} is not one of a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC die", "unknown die");
        return die.Family.DataFileCode() == header.FamilyCode
            ? die
            : throw Refused($"the header's family {header.FamilyCode} is not the family of {die.Name} ({die.Family.DataFileCode()})", "family not the die's");
    }

    public static void CheckUpdate(SealBitstreamRequest request, string type, Die die)
    {
        if (request.Rotation is not null || request.NewKeyset is not null)
        {
            throw Refused($"a {type} update bitstream takes no key rotation step and no new keyset", "rotation data in an update bitstream");
        }

        if (type == "UEK3" && !die.HasUek3)
        {
            throw Refused($"{die.Name} has no UEK3 (only M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 have it)", "UEK3 on a die without it");
        }

        CheckDesignComponents(request.Components, die, "an update bitstream");

        if (request.PerDevice && request.Header.Dsn is null)
        {
            throw Refused($"a per-device {type} bitstream needs the device's DSN in its header", "per-device bitstream without a DSN");
        }
    }

    /// <summary>
    /// A bitstream that carries design data carries only its die's design components, in an order a design can have:
    /// no key, whatever the caller names a component. <paramref name="what"/> names the bitstream in the refusal.
    /// </summary>
    public static void CheckDesignComponents(IReadOnlyList<PlainComponent> components, Die die, string what)
    {
        var allowed = ComponentType.DesignTypes(die.Family);
        if (components.FirstOrDefault(component => !allowed.Contains(component.Type)) is { } foreign)
        {
            throw Refused($"{what} for {die.Name} carries only its design components ({string.Join(", ", allowed)}), not a component of type {foreign.Type}; it programs no key",
                $"non-design component in {what}");
        }

        if (components.Count > MaximumComponents
            || components.Count(component => component.Type == ComponentType.Fabric) > 1
            || components.Count(component => component.Type == ComponentType.EndOfBitstream) > 1
            || components.SkipLast(1).Any(component => component.Type == ComponentType.EndOfBitstream))
        {
            throw Refused($"{what} has at most one fabric, one end of bitstream (last) and {MaximumComponents} components in all", "impossible component list");
        }
    }

    /// <summary>Checks a key rotation request and returns the file of the rotation sequence it asks for.</summary>
    public static KeyRotationFile CheckRotation(SealBitstreamRequest request, Die die)
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

        if (!die.Family.SupportsKeyRotation())
        {
            throw Refused($"key rotation is for SmartFusion 2 and IGLOO 2, not {die.Name} ({die.Family.DisplayName()})", "key rotation outside SmartFusion 2 / IGLOO 2");
        }

        if ((step.PolicyFlags & ~SecurityComponent.DefinedPolicyFlags) != 0 || (step.PolicyFlags & SecurityComponent.PermanentPolicyFlag) != 0)
        {
            throw Refused($"a key rotation file's policy flags are bits 0 to 8 (a permanent setting makes rotation impossible), not {step.PolicyFlags:X4}", "impossible policy flags");
        }

        var keySets = die.HasUek3 ? 3 : 2;
        if (step.KeySets != keySets || step.FirstKeySet < 1 || step.FirstKeySet > keySets)
        {
            throw Refused($"{die.Name} has {keySets} user key sets, so a rotation runs over {keySets} starting with one of them, not over {step.KeySets} starting with set {step.FirstKeySet}",
                "impossible key rotation step");
        }

        var files = KeyRotationSequence.Files(step.FirstKeySet, keySets, KeyRotationSequence.RotatableKeys(keySets));
        return step.File >= 1 && step.File <= files.Count
            ? files[step.File - 1]
            : throw Refused($"a key rotation of {keySets} key sets has files 1 to {files.Count}, not {step.File}", "impossible key rotation step");
    }

    // A request arrives as JSON from any enrolled client: every part must be there before any is used.
    public static void CheckShape(SealBitstreamRequest request)
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

    public static HsmException Refused(string reason, string rule) =>
        new("POLICY", $"The U-HSM refuses to seal this bitstream: {reason}.") { AuditNote = rule };

    private static Formats.Keysets.WrappedKeyset Copy(Formats.Keysets.WrappedKeyset? keyset) => keyset is null ? null! : keyset with
    {
        WrappedTicketKey = keyset.WrappedTicketKey?.ToArray()!,
        WrappedKeys = keyset.WrappedKeys?.ToDictionary(pair => pair.Key, pair => pair.Value?.ToArray()!)!,
        GeneratedKeys = keyset.GeneratedKeys?.ToArray()!,
    };
}
