using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// The checks a device makes of a bitstream before it programs, verifies or authenticates it, in silicon's order:
/// the data, IDCODE, DSN binding, bitstream type against the device's state, the key of every component (KLK while
/// factory modes are allowed, the UEKn the device holds, KIP only from a live authorisation code), every component
/// opened (any altered byte refused), back level and update protection. Each failure is a <see cref="Refusal"/>.
/// </summary>
internal static class BitstreamCheck
{
    public const int G5CycleLimit = 500;

    public static AcceptedBitstream Accept(VirtualDevice device, byte[] bitstream, byte[]? authorization, byte[]? passcode, AuthorizedAction action)
    {
        var (header, layout, type) = CheckBeforeKeys(device, bitstream, action, passcode);
        var (mode, entries) = layout.Any(component => component.Mode == KeyMode.Kip)
            ? Authorized(device, authorization, action)
            : authorization is null ? (null, null) : throw new Refusal(SiliconCodes.Authentication("an authorisation code goes only with a bitstream of an HSM job (components under KIP)."));
        try
        {
            var components = layout.Select(component => Open(device, bitstream, header, component, entries)).ToList();
            CheckVersion(device, header, components, passcode ?? entries?.Value("UPK1"));
            return new AcceptedBitstream(header, type, components, mode, entries);
        }
        catch (Refusal)
        {
            entries?.Dispose();
            throw;
        }
    }

    /// <summary>The header and layout of the bitstream; a damaged or altered one is refused.</summary>
    public static (BitstreamHeader Header, IReadOnlyList<(byte Type, KeyMode Mode, int Offset, int Length)> Layout) Read(byte[] bitstream)
    {
        try
        {
            return BitstreamFormat.Read(bitstream);
        }
        catch (FormatException error) when (error.Message.Contains("altered", StringComparison.Ordinal))
        {
            throw new Refusal(SiliconCodes.Authentication($"{error.Message}."));
        }
        catch (FormatException error)
        {
            throw new Refusal(SiliconCodes.Data($"{error.Message}."));
        }
    }

    /// <summary>The IDCODE (under the mask) and family, then the DSN binding.</summary>
    public static void CheckIdentity(VirtualDevice device, BitstreamHeader header)
    {
        var mask = header.IdMask & device.Die.IdCodeMask;
        if ((header.IdCode & mask) != (device.Die.IdCode & mask) || header.FamilyCode != device.Die.Family.DataFileCode())
        {
            throw new Refusal(SiliconCodes.IdCode(device.Die.IdCode, header.IdCode));
        }

        if (header.Dsn is { } dsn && !Dsn.FromBytes(dsn).Equals(device.Dsn))
        {
            throw new Refusal(SiliconCodes.Dsn());
        }
    }

    /// <summary>The component slot a design component programs; null for the security component and the end of bitstream.</summary>
    public static string? Slot(DeviceFamily family, byte type, byte[] payload) => type switch
    {
        ComponentType.Fabric => "FABRIC",
        ComponentType.G4Envm when family.IsG4() => "ENVM:" + MemoryClientComponent.Decode(payload).Name,
        ComponentType.G5Snvm => "SNVM:" + MemoryClientComponent.Decode(payload).Name,
        ComponentType.G5Envm => "ENVM:" + MemoryClientComponent.Decode(payload).Name,
        _ => null,
    };

    public static string Digest(byte[] bitstream, int offset, int length) => Convert.ToHexStringLower(SHA256.HashData(bitstream.AsSpan(offset, length)));

    // Once user keys are loaded the KLK no longer programs; a VERIFY under it still runs when the plain UPK1 the
    // bitstream file carries unlocks the security segment ("ERASE and VERIFY actions … contain plain text UPK1").
    // Only a PROGRAM counts towards the cycle limit.
    private static void CheckType(VirtualDevice device, BitstreamType type, IReadOnlyList<(byte Type, KeyMode Mode, int Offset, int Length)> layout, AuthorizedAction action, byte[]? passcode)
    {
        if (type is BitstreamType.KeyRotation or BitstreamType.Debug)
        {
            throw new Refusal(new SiliconResult(SiliconCodes.ActionNotSupported, $"A {type.Name()} bitstream is not supported by the virtual devices."));
        }

        if (type == BitstreamType.Uek3 && !device.Die.HasUek3)
        {
            throw new Refusal(SiliconCodes.Insufficient($"{device.Die.Name} has no UEK3"));
        }

        if (layout.Any(component => component.Mode == KeyMode.Klk) && device.State.FactoryModesDisabled && !(action == AuthorizedAction.Verify && Unlocks(device, passcode)))
        {
            throw new Refusal(SiliconCodes.Disabled(action == AuthorizedAction.Verify
                ? $"a VERIFY of a {type.Name()} bitstream under the KLK needs the device's UPK1 to unlock its security once user keys are loaded, and {(passcode is null ? "no passcode was given" : "the passcode is not the device's UPK1")}"
                : $"a {type.Name()} bitstream under the KLK is refused once user keys are loaded (factory key modes are disabled)"));
        }

        if (action == AuthorizedAction.Program && device.Die.Family.IsG4() is false && device.State.Cycles >= G5CycleLimit)
        {
            throw new Refusal(new SiliconResult(SiliconCodes.ProgramError, $"The device has reached its limit of {G5CycleLimit} programming cycles."));
        }
    }

    private static (KeyMode? Mode, NamedEntries? Entries) Authorized(VirtualDevice device, byte[]? authorization, AuthorizedAction action)
    {
        if (authorization is null)
        {
            throw new Refusal(SiliconCodes.Key("the bitstream is under KIP, which the device takes only from a live authorisation code; none was given"));
        }

        var (mode, entries) = AuthorizationCheck.Open(device, authorization, action);
        return (mode, entries);
    }

    private static OpenedComponent Open(VirtualDevice device, byte[] bitstream, BitstreamHeader header, (byte Type, KeyMode Mode, int Offset, int Length) component, Spps.Formats.Production.NamedEntries? entries)
    {
        var key = component.Mode switch
        {
            KeyMode.Klk => Klk.For(header.FamilyCode),
            KeyMode.Uek1 or KeyMode.Uek2 or KeyMode.Uek3 => device.Secrets.UserKeys.GetValueOrDefault(AuthorizationCheck.Name(component.Mode))
                ?? throw new Refusal(SiliconCodes.Key($"the device holds no {AuthorizationCheck.Name(component.Mode)}")),
            KeyMode.Kip => entries?.Value(AuthorizationCode.Kip) ?? throw new Refusal(SiliconCodes.Key("the authorisation code carries no KIP")),
            _ => throw new Refusal(SiliconCodes.Key($"a component under key mode {AuthorizationCheck.Name(component.Mode)} is not one a device opens")),
        };
        try
        {
            var payload = BitstreamFormat.Open(bitstream, component.Offset, key);
            return new OpenedComponent(component.Type, Slot(device.Die.Family, component.Type, payload), Digest(bitstream, component.Offset, component.Length), payload);
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException or FormatException)
        {
            throw new Refusal(SiliconCodes.Key($"component {bitstream[component.Offset + BitstreamFormat.IndexOffset]} does not open under {AuthorizationCheck.Name(component.Mode)}"));
        }
    }

    /// <summary>
    /// What the device would refuse of the bitstream before it uses any key: the data, IDCODE and DSN binding, the
    /// type against its state and, for a PROGRAM, back level (read from the header, which the device authenticates
    /// only later). A station asks this before it spends a ticket; the device still makes every check when it runs.
    /// </summary>
    public static SiliconResult? PublicRefusal(VirtualDevice device, byte[] bitstream, AuthorizedAction action)
    {
        try
        {
            var (header, _, _) = CheckBeforeKeys(device, bitstream, action, passcode: null);
            if (action == AuthorizedAction.Program)
            {
                CheckBackLevel(device, header);
            }

            return null;
        }
        catch (Refusal refusal)
        {
            return refusal.Result;
        }
    }

    // The checks that need no key: the data, IDCODE and DSN binding, the bitstream's type against the device's state.
    private static (BitstreamHeader Header, IReadOnlyList<(byte Type, KeyMode Mode, int Offset, int Length)> Layout, BitstreamType Type) CheckBeforeKeys(
        VirtualDevice device, byte[] bitstream, AuthorizedAction action, byte[]? passcode)
    {
        var (header, layout) = Read(bitstream);
        CheckIdentity(device, header);
        var type = BitstreamTypes.FromCode(header.TypeCode) ?? throw new Refusal(SiliconCodes.Data($"bitstream type code {header.TypeCode} is not a type"));
        CheckType(device, type, layout, action, passcode);
        return (header, layout, type);
    }

    private static void CheckBackLevel(VirtualDevice device, BitstreamHeader header)
    {
        if (SecurityComponent.PolicyOf(device.State.PolicyFlags).BackLevelProtection && device.State.DesignName is not null && header.DesignVersion <= device.State.BackLevel)
        {
            throw new Refusal(SiliconCodes.BackLevel(header.DesignVersion, device.State.BackLevel));
        }
    }

    // Back level first (a version the device no longer takes), then the update protection of what the bitstream programs.
    private static void CheckVersion(VirtualDevice device, BitstreamHeader header, IReadOnlyList<OpenedComponent> components, byte[]? passcode)
    {
        CheckBackLevel(device, header);
        var policy = SecurityComponent.PolicyOf(device.State.PolicyFlags);
        var protectedSlot = components.Select(component => component.Slot).FirstOrDefault(slot =>
            slot is not null && (slot == "FABRIC" ? policy.FabricUpdateProtected : slot.StartsWith("ENVM:", StringComparison.Ordinal) ? policy.EnvmUpdateProtected : policy.SnvmUpdateProtected));
        if (protectedSlot is not null && !Unlocks(device, passcode))
        {
            throw new Refusal(SiliconCodes.Disabled($"{protectedSlot} is update-protected and {(passcode is null ? "no passcode was given" : "the passcode is not the device's UPK1")}"));
        }
    }

    public static bool Unlocks(VirtualDevice device, byte[]? passcode) =>
        passcode is not null && device.Secrets.UserKeys.GetValueOrDefault("UPK1") is { } upk1 && CryptographicOperations.FixedTimeEquals(upk1, passcode);
}
