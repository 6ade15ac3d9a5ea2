using Spps.Devices;
using Spps.Formats.Design;
using Spps.Workspace;

namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// Every rule of <c>init_bitstream</c> (command reference 15.4.8.4.5, reference/domain.md §2.5, §3.4, §4.1–4.3),
/// checked against the Programming Data as it is now. Each refusal names the option, the value and what is allowed.
/// </summary>
public static class BitstreamRules
{
    private static readonly string[] _userKeyModes = ["UEK1", "UEK2"];
    private static readonly string[] _updateTypes = ["UEK1", "UEK2", "UEK3"];

    /// <summary>The rules of <c>init_bitstream</c>: a new bitstream of the entry; returns its settings as they are stored.</summary>
    public static BitstreamEntry Check(BitstreamRequest request, ProgrammingDataEntry entry, EffectiveDesign effective)
    {
        if (!EntryName.IsValid(request.Name))
        {
            throw Bad("bitstream_name", request.Name, "a name without path or extension: " + EntryName.Expecting);
        }

        if (entry.Bitstreams.Exists(bitstream => bitstream.Name == request.Name))
        {
            throw new DomainException($"Programming Data '{entry.Name}' already has a bitstream '{request.Name}'; bitstream names are unique in a Programming Data.", "BITSTREAMEXISTS", request.Name);
        }

        return Settings(request, entry, effective);
    }

    /// <summary>
    /// The same rules again, at export, for a bitstream already defined: the Programming Data may have changed since
    /// (another security policy, a replaced design, rotation keys gone), and generation uses it as it is now.
    /// </summary>
    public static void CheckAgain(BitstreamEntry bitstream, ProgrammingDataEntry entry, EffectiveDesign effective)
    {
        try
        {
            Settings(BitstreamRequest.Of(bitstream), entry, effective);
        }
        catch (DomainException rule)
        {
            throw new DomainException(
                $"Bitstream '{bitstream.Name}' of Programming Data '{entry.Name}' no longer satisfies the rules of init_bitstream: {rule.Message}",
                ["OUTDATED", entry.Name, bitstream.Name, .. rule.ErrorCode.Skip(1)]);
        }
    }

    private static BitstreamEntry Settings(BitstreamRequest request, ProgrammingDataEntry entry, EffectiveDesign effective)
    {
        var die = effective.Die;
        var hsm = entry.IsHsmFlow;
        var type = request.Type == "INITIATOR" ? "MASTER" : request.Type;
        CheckType(type, hsm, die, entry, effective);
        var features = Features(request.Features, type, die, effective);
        var protocol = Protocol(request.Protocol, type, hsm);
        var uniqueKeys = UniqueKeyTypes(request.UniqueKeyTypes, protocol, die);
        var envm = Clients(request.EnvmClients, "envm_clients", "ENVM", features, effective.Design.EnvmClients.Select(client => client.Name));
        var snvm = Clients(request.SnvmClients, "snvm_clients", "SNVM", features, effective.Design.SnvmClients.Select(client => client.Name));
        if (type == "TRUSTED_FACILITY" && features.Contains("SNVM"))
        {
            var selected = snvm ?? [.. effective.Design.SnvmClients.Select(client => client.Name)];
            var secured = effective.Design.SnvmClients.FirstOrDefault(client => selected.Contains(client.Name) && client.Kind != SnvmClientKind.Plain);
            if (secured is not null)
            {
                throw Bad("snvm_clients", secured.Name, $"only plain sNVM clients in a TRUSTED_FACILITY bitstream ('{secured.Name}' is {secured.Kind.ToString().ToLowerInvariant()}); select the plain ones with -snvm_clients");
            }
        }

        var rotation = request.EnableKeyRotation ?? false;
        if (rotation)
        {
            if (type != "MASTER")
            {
                throw Bad("enable_key_rotation", "TRUE", "TRUE only for a MASTER (Initiator) bitstream");
            }

            CheckRotation(die, effective, protocol, "-enable_key_rotation");
        }

        return new BitstreamEntry
        {
            Name = request.Name,
            Type = type,
            Features = features,
            Protocol = protocol,
            UniqueKeyTypes = uniqueKeys,
            EnvmClients = envm,
            SnvmClients = snvm,
            GenerateCoc = GenerateCoc(request.GenerateCoc, hsm),
            AuthKeyMode = AuthKeyMode(request.AuthKeyMode, type, hsm, die, effective),
            EnableKeyRotation = rotation,
            AutoIncrementDesignVersion = AutoIncrement(request.AutoIncrementDesignVersion, type, effective),
            FirstKeyMode = FirstKeyMode(request.FirstKeyMode, type, die),
            EnablePasskeyExport = PasskeyExport(request.EnablePasskeyExport, type, hsm),
        };
    }

    private static void CheckType(string type, bool hsm, Die die, ProgrammingDataEntry entry, EffectiveDesign effective)
    {
        switch (type)
        {
            case "TRUSTED_FACILITY" when hsm:
                throw Bad("bitstream_type", type, "MASTER, UEK1, UEK2, UEK3, KEY_ROTATION or DEBUG in the HSM flow: TRUSTED_FACILITY is for the non-HSM flow only");
            case "DEBUG" when !hsm:
                throw Bad("bitstream_type", type, "TRUSTED_FACILITY, MASTER, UEK1, UEK2, UEK3 or KEY_ROTATION in the non-HSM flow: DEBUG needs the HSM flow");
            case "UEK3" when !die.HasUek3:
                throw Bad("bitstream_type", type, $"UEK3 only on M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not {die.Name}");
            case "KEY_ROTATION":
                CheckRotation(die, effective, null, "-bitstream_type KEY_ROTATION");
                if (entry.RotationKeysetFile is null && entry.RotationKeys.Count == 0)
                {
                    throw new DomainException(
                        $"A KEY_ROTATION bitstream needs the new keys: set them with set_new_keys_for_rotation -data_name {entry.Name} first.", "NOROTATIONKEYS", entry.Name);
                }

                break;
        }

        if (_updateTypes.Contains(type) && !KeyEnabled(type, effective.Policy))
        {
            throw Bad("bitstream_type", type, $"a user key mode the security policy programs; {type} is not enabled in Programming Data '{entry.Name}'");
        }
    }

    private static void CheckRotation(Die die, EffectiveDesign effective, string? protocol, string what)
    {
        if (!die.Family.SupportsKeyRotation())
        {
            throw new DomainException($"{what}: key rotation is for SmartFusion 2 and IGLOO 2 only, not {die.Name} ({die.Family.DisplayName()}).", "FAMILY", die.Name);
        }

        if (effective.Design.DesignVersion == 0)
        {
            throw new DomainException($"{what}: key rotation needs a design version set in the JDC; '{effective.Design.DesignName}' has version 0.", "ROTATION", "design_version");
        }

        if (effective.Policy.Permanent)
        {
            throw new DomainException($"{what}: key rotation is impossible when a permanent security setting is selected; the security policy has one.", "ROTATION", "permanent");
        }

        if (protocol == "UNIQUE_KEY")
        {
            throw new DomainException($"{what}: the key rotation flow is not supported with the UNIQUE_KEY protocol.", "ROTATION", "UNIQUE_KEY");
        }
    }

    private static List<string> Features(IReadOnlyList<string> given, string type, Die die, EffectiveDesign effective)
    {
        if (given.Contains("ALL") && given.Count > 1)
        {
            throw Bad("features", string.Join(' ', given), "ALL alone, or a combination of FABRIC, ENVM, SNVM and SECURITY");
        }

        var programsSecurity = type is "MASTER" or "KEY_ROTATION";
        List<string> features;
        if (given.Contains("ALL"))
        {
            features = ["FABRIC"];
            if (die.HasEnvm && effective.Design.EnvmClients.Count > 0)
            {
                features.Add("ENVM");
            }

            if (die.HasSnvm && effective.Design.SnvmClients.Count > 0)
            {
                features.Add("SNVM");
            }
        }
        else
        {
            features = [.. given];
        }

        if (features.Contains("ENVM") && !die.HasEnvm)
        {
            throw Bad("features", "ENVM", $"features of {die.Name}: ENVM is supported on SmartFusion 2, IGLOO 2 and PolarFire SoC only");
        }

        if (features.Contains("SNVM") && !die.HasSnvm)
        {
            throw Bad("features", "SNVM", $"features of {die.Name}: SNVM is supported on PolarFire and PolarFire SoC only");
        }

        if (features.Contains("SECURITY") && !programsSecurity)
        {
            throw Bad("features", "SECURITY", $"FABRIC, ENVM or SNVM for a {type} bitstream: security is programmed by MASTER (Initiator) and KEY_ROTATION bitstreams");
        }

        if (die.Family == DeviceFamily.PolarFire && effective.Design.SnvmClients.Count > 0 && features.Contains("FABRIC") != features.Contains("SNVM"))
        {
            throw Bad("features", string.Join(' ', given), "FABRIC and SNVM together on PolarFire: they must be programmed at once (separate programming of sNVM disables the fabric)");
        }

        if (programsSecurity && !features.Contains("SECURITY"))
        {
            features.Add("SECURITY"); // security is always programmed in the Initiator bitstream
        }

        return features;
    }

    private static string? Protocol(string? given, string type, bool hsm)
    {
        if (!hsm)
        {
            return given is null ? null : throw Bad("use_protocol", given, "no protocol in the non-HSM flow (the protocols need the HSM)");
        }

        return (type, given) switch
        {
            ("DEBUG", null) => throw Bad("use_protocol", "(none)", "ONE_TIME_PASSCODE for a DEBUG bitstream"),
            ("DEBUG", "ONE_TIME_PASSCODE") => given,
            ("DEBUG", _) => throw Bad("use_protocol", given, "ONE_TIME_PASSCODE for a DEBUG bitstream"),
            (_, "ONE_TIME_PASSCODE") => throw Bad("use_protocol", given, "AUTH_CODE or UNIQUE_KEY: ONE_TIME_PASSCODE is for DEBUG bitstreams"),
            ("MASTER", null) => "AUTH_CODE",
            ("MASTER" or "UEK1" or "UEK2" or "UEK3", _) => given,
            (_, null) => null,
            _ => throw Bad("use_protocol", given, "AUTH_CODE or UNIQUE_KEY with MASTER, UEK1, UEK2 or UEK3 bitstreams only"),
        };
    }

    private static List<string> UniqueKeyTypes(IReadOnlyList<string> given, string? protocol, Die die)
    {
        if (protocol == "UNIQUE_KEY" && given.Count == 0)
        {
            throw new DomainException("Required parameter 'unique_key_types' is missing. The UNIQUE_KEY protocol needs the per-device keys: any of UPK1, UEK1, UPK2, UEK2, UEK3, DPK.", "MISSING", "unique_key_types");
        }

        if (protocol != "UNIQUE_KEY" && given.Count > 0)
        {
            throw Bad("unique_key_types", string.Join(' ', given), "no value unless -use_protocol is UNIQUE_KEY");
        }

        return given.Contains("UEK3") && !die.HasUek3
            ? throw Bad("unique_key_types", "UEK3", $"UPK1, UEK1, UPK2, UEK2 or DPK: UEK3 is supported for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 only")
            : [.. given];
    }

    private static List<string>? Clients(IReadOnlyList<string>? given, string option, string feature, List<string> features, IEnumerable<string> available)
    {
        if (given is null)
        {
            return null;
        }

        var names = available.ToList();
        if (!features.Contains(feature))
        {
            throw Bad(option, string.Join(' ', given), $"clients only when -features selects {feature} (or ALL)");
        }

        if (given.Count == 0)
        {
            throw Bad(option, string.Empty, $"one or more of {Names(names)}");
        }

        var unknown = given.FirstOrDefault(name => !names.Contains(name));
        return unknown is null ? [.. given.Distinct()] : throw Bad(option, unknown, $"clients of the design: {Names(names)}");
    }

    private static bool GenerateCoc(bool? given, bool hsm) =>
        given == true && !hsm ? throw Bad("generate_coc", "TRUE", "FALSE in the non-HSM flow: Certificates of Conformance are collected by the HSM flow") : given ?? false;

    private static string? AuthKeyMode(string? given, string type, bool hsm, Die die, EffectiveDesign effective)
    {
        if (type == "DEBUG")
        {
            if (given is null || !_userKeyModes.Contains(given))
            {
                throw Bad("auth_keymode", given ?? "(none)", "UEK1 or UEK2 for a DEBUG bitstream");
            }

            return KeyEnabled(given, effective.Policy)
                ? given
                : throw Bad("auth_keymode", given, $"a user key the security policy programs; {given} is not enabled");
        }

        if (type != "MASTER" || !hsm)
        {
            return given is null ? null : throw Bad("auth_keymode", given, "no value here: it applies to MASTER (Initiator) bitstreams of the HSM flow and to DEBUG bitstreams");
        }

        if (given is null)
        {
            return die.DefaultAuthKeyMode ?? throw new DomainException(
                $"Required parameter 'auth_keymode' is missing. It is required for {die.Name}: {string.Join(", ", die.AuthKeyModes)}.", "MISSING", "auth_keymode");
        }

        return die.AuthKeyModes.Contains(given)
            ? given
            : throw Bad("auth_keymode", given, $"{string.Join(", ", die.AuthKeyModes)} for {die.Name}");
    }

    private static bool AutoIncrement(bool? given, string type, EffectiveDesign effective) =>
        given == true && type != "KEY_ROTATION"
            ? throw Bad("auto_inc_design_version", "TRUE", "only for KEY_ROTATION bitstreams")
            : type == "KEY_ROTATION" && (given ?? effective.Design.AutoUpdate);

    private static string? FirstKeyMode(string? given, string type, Die die)
    {
        if (given is null)
        {
            return null;
        }

        if (type != "KEY_ROTATION")
        {
            throw Bad("first_keymode", given, "no value unless -bitstream_type is KEY_ROTATION");
        }

        return given == "UEK3" && !die.HasUek3 ? throw Bad("first_keymode", given, $"UEK1 or UEK2 for {die.Name} (no UEK3)") : given;
    }

    private static bool PasskeyExport(bool? given, string type, bool hsm)
    {
        if (given != true)
        {
            return false;
        }

        if (hsm)
        {
            throw Bad("enable_passkey_export", "TRUE", "FALSE in the HSM flow: there the M-HSM unlocks with encrypted passcodes and no plain UPK may leave the HSM");
        }

        return type is "MASTER" or "UEK1" or "UEK2" or "UEK3"
            ? true
            : throw Bad("enable_passkey_export", "TRUE", "TRUE only for MASTER, UEK1, UEK2 and UEK3 bitstreams, which carry passkeys");
    }

    private static bool KeyEnabled(string key, SecurityPolicy policy) => key switch
    {
        "UEK1" => policy.Uek1Enabled,
        "UEK2" => policy.Uek2Enabled,
        _ => policy.Uek3Enabled,
    };

    private static string Names(List<string> names) => names.Count == 0 ? "(the design has none)" : string.Join(", ", names);

    private static DomainException Bad(string option, string value, string expecting) =>
        new($"{option}: Invalid argument value: '{value}' (expecting {expecting}).", "BADVALUE", "-" + option, value);
}
