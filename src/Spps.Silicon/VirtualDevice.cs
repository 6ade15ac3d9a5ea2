using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon;

/// <summary>
/// A virtual Microchip device (docs/silicon.md): it accepts or refuses a bitstream as silicon would and answers each
/// action with a DirectC-style <see cref="SiliconResult"/>. A refused action changes nothing but the last result.
/// </summary>
public sealed class VirtualDevice
{
    public VirtualDevice(Die die, DeviceState state, DeviceSecrets secrets)
    {
        Die = die;
        State = state;
        Secrets = secrets;
        Dsn = Spps.Devices.Dsn.Parse(state.Dsn, "dsn");
    }

    public Die Die { get; }

    public Dsn Dsn { get; }

    /// <summary>What the device shows; a bench stores it in clear.</summary>
    public DeviceState State { get; }

    /// <summary>What the device keeps inside; a bench stores it only wrapped.</summary>
    public DeviceSecrets Secrets { get; }

    public DeviceCertificate Certificate => DeviceCertificate.Read(State.Certificate, $"the certificate of device {Dsn}");

    public UserKeyStatement UserKeyStatement => Spps.Formats.Production.UserKeyStatement.Read(State.UserKeyStatement, $"the user key statement of device {Dsn}");

    /// <summary>The certificate of conformance of the last PROGRAM made with a CoC key, or null.</summary>
    public CertificateOfConformance? CertificateOfConformance => State.LastCoc is { } coc ? Spps.Formats.Production.CertificateOfConformance.Read(coc, $"the CoC of device {Dsn}") : null;

    public SiliconResult ReadIdCode() => Record("READ_IDCODE", SiliconCodes.Ok($"IDCODE = {Die.IdCode:X8}"));

    /// <summary>IDCODE, design, checksum, security settings and cycles; never a key value.</summary>
    public SiliconResult DeviceInfo() => Record("DEVICE_INFO", SiliconCodes.Ok(string.Join("\n", DeviceReport.Lines(Die, State))));

    /// <summary>What the device's challenges say of its keys: the key modes it still allows and the UEKs it holds (never a value).</summary>
    public DeviceKeyState KeyState =>
        (State.FactoryModesDisabled ? DeviceKeyState.FactoryModesDisabled : DeviceKeyState.None) |
        (State.UserEcKeyUsed ? DeviceKeyState.UserEcKeyUsed : DeviceKeyState.None) |
        (State.UserKeys.Contains("UEK1") ? DeviceKeyState.HoldsUek1 : DeviceKeyState.None) |
        (State.UserKeys.Contains("UEK2") ? DeviceKeyState.HoldsUek2 : DeviceKeyState.None) |
        (State.UserKeys.Contains("UEK3") ? DeviceKeyState.HoldsUek3 : DeviceKeyState.None) |
        (State.UserKeys.Contains("DPK") ? DeviceKeyState.HoldsDpk : DeviceKeyState.None);

    /// <summary>Whether a debugger can read the device: open (its policy does not lock debug), locked, or unlocked by a debug passcode.</summary>
    public DebugAccess DebugAccess => DebugUnlock.AccessOf(State);

    /// <summary>
    /// A new challenge; the previous one is no longer live, so an authorisation made for it is refused. Debug unlocked
    /// for the previous challenge is locked again: each challenge starts a new session.
    /// </summary>
    public DeviceChallenge Challenge()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var challenge = DeviceChallenge.Create(Dsn.ToArray(), KeyState, key);
        ForgetChallenge();
        Secrets.ChallengePrivateKey = key.ExportPkcs8PrivateKey();
        State.Challenge = challenge.ToBytes();
        State.DebugUnlocked = false;
        return challenge;
    }

    /// <summary>
    /// What this device would refuse of <paramref name="bitstream"/> for <paramref name="action"/> before it uses any
    /// key, as its result (null when nothing): a station asks before it spends a ticket. Changes nothing.
    /// </summary>
    public SiliconResult? PublicRefusal(byte[] bitstream, AuthorizedAction action) => action == AuthorizedAction.Debug
        ? Refused(() => DebugUnlock.PublicRefusal(this, BitstreamCheck.Read(bitstream).Header))
        : BitstreamCheck.PublicRefusal(this, bitstream, action);

    /// <summary>
    /// What this device would refuse of a debug unlock for the DEBUG bitstream of <paramref name="debugHeader"/> (its
    /// public part, as a debug job carries it), or null: another device's bitstream, debug not locked, no DPK, no
    /// design. A station asks before it spends a DEBUG ticket. Changes nothing.
    /// </summary>
    public SiliconResult? PublicRefusal(BitstreamHeader debugHeader) => DebugUnlock.PublicRefusal(this, debugHeader);

    /// <summary>
    /// Unlocks the debug features with a DEBUG authorisation code for the live challenge (docs/silicon.md, "Debug"):
    /// a code that answers the challenge consumes it, whatever the outcome; the unlock lasts until the device's next
    /// challenge, PROGRAM or ERASE.
    /// </summary>
    public SiliconResult UnlockDebug(byte[] authorization) => Run("UNLOCK_DEBUG", () => DebugUnlock.Unlock(this, authorization));

    /// <summary>What a debugger reads — design, components and their digests, security policy, key state, never a key value — refused while debug is locked.</summary>
    public SiliconResult ReadDebugInfo() => Run("READ_DEBUG_INFO", () => DebugAccess == DebugAccess.Locked
        ? SiliconCodes.DebugLocked()
        : SiliconCodes.Ok(string.Join("\n", DeviceReport.DebugLines(Die, State, KeyState))));

    public SiliconResult Program(byte[] bitstream, byte[]? authorization = null, byte[]? passcode = null) => Run("PROGRAM", () =>
    {
        var accepted = BitstreamCheck.Accept(this, bitstream, authorization, passcode, AuthorizedAction.Program);
        using var entries = accepted.Authorization;
        var security = accepted.Type == BitstreamType.Master ? Security(accepted) : null;
        Apply(accepted, security);
        return SiliconCodes.Ok($"PROGRAM passed: {accepted.Header.DesignName} version {accepted.Header.DesignVersion}.");
    });

    public SiliconResult Verify(byte[] bitstream, byte[]? authorization = null, byte[]? passcode = null) => Run("VERIFY", () =>
    {
        var accepted = BitstreamCheck.Accept(this, bitstream, authorization, passcode, AuthorizedAction.Verify);
        using var entries = accepted.Authorization;
        var differing = accepted.Design.FirstOrDefault(component => State.Components.GetValueOrDefault(component.Slot!) != component.Digest);
        if (differing is not null)
        {
            return new SiliconResult(SiliconCodes.VerifyError, $"Verify failed: {differing.Slot} differs from the bitstream.");
        }

        ConsumeChallenge(accepted);
        return SiliconCodes.Ok("VERIFY passed.");
    });

    /// <summary>Compares the digests of the programmed components with the bitstream's, without any key.</summary>
    public SiliconResult VerifyDigest(byte[] bitstream) => Run("VERIFY_DIGEST", () =>
    {
        var (header, layout) = BitstreamCheck.Read(bitstream);
        BitstreamCheck.CheckIdentity(this, header);
        var digests = layout.Select(component => BitstreamCheck.Digest(bitstream, component.Offset, component.Length)).ToHashSet(StringComparer.Ordinal);
        return State.Components.Count > 0 && State.Components.Values.All(digests.Contains)
            ? SiliconCodes.Ok("VERIFY_DIGEST passed.")
            : new SiliconResult(SiliconCodes.VerifyDigestError, "Verify digest failed: the programmed components are not this bitstream's.");
    });

    /// <summary>Authenticates every component of the bitstream without programming it.</summary>
    public SiliconResult EncDataAuthentication(byte[] bitstream, byte[]? authorization = null) => Run("ENC_DATA_AUTHENTICATION", () =>
    {
        var accepted = BitstreamCheck.Accept(this, bitstream, authorization, Secrets.UserKeys.GetValueOrDefault("UPK1"), AuthorizedAction.Verify);
        using var entries = accepted.Authorization;
        ConsumeChallenge(accepted);
        return SiliconCodes.Ok("Bitstream authentication passed.");
    });

    /// <summary>Erases the design for an intact erase component of this device (update protection needs UPK1).</summary>
    public SiliconResult Erase(byte[] eraseComponent, byte[]? authorization = null, byte[]? passcode = null) => Run("ERASE", () =>
    {
        BitstreamHeader header;
        try
        {
            header = EraseComponent.Read(eraseComponent).Header;
        }
        catch (FormatException error)
        {
            throw new Refusal(SiliconCodes.Authentication($"{error.Message}."));
        }

        BitstreamCheck.CheckIdentity(this, header);
        using var entries = authorization is null ? null : AuthorizationCheck.Open(this, authorization, AuthorizedAction.Erase).Entries;
        if (SecurityComponent.PolicyOf(State.PolicyFlags).FabricUpdateProtected && !BitstreamCheck.Unlocks(this, passcode ?? entries?.Value("UPK1")))
        {
            throw new Refusal(SiliconCodes.Disabled("the fabric is update-protected and the passcode is not the device's UPK1"));
        }

        State.Components.Clear();
        State.DebugUnlocked = false;
        State.DesignName = null;
        State.DesignVersion = 0;
        State.Checksum = 0;
        if (entries is not null)
        {
            ForgetChallenge();
        }

        return SiliconCodes.Ok("ERASE passed.");
    });

    private static SiliconResult? Refused(Func<SiliconResult?> check)
    {
        try
        {
            return check();
        }
        catch (Refusal refusal)
        {
            return refusal.Result;
        }
    }

    private SiliconResult Run(string action, Func<SiliconResult> body)
    {
        try
        {
            return Record(action, body());
        }
        catch (Refusal refusal)
        {
            return Record(action, refusal.Result);
        }
    }

    private SiliconResult Record(string action, SiliconResult result)
    {
        State.LastResult = $"{action}: {result.Code} {result.Message.Split('\n')[0]}";
        return result;
    }

    private SecurityPayload Security(AcceptedBitstream accepted)
    {
        var payload = accepted.Authorization is { } entries
            ? entries.Value(AuthorizationCode.Keys) ?? throw new Refusal(SiliconCodes.Authentication("the authorisation code of a MASTER carries no KEYS."))
            : accepted.Components.FirstOrDefault(component => component.Type == ComponentType.Keys)?.Payload
              ?? throw new Refusal(SiliconCodes.Data("a MASTER bitstream carries a security component."));
        try
        {
            return SecurityComponent.Decode(payload);
        }
        catch (FormatException error)
        {
            throw new Refusal(SiliconCodes.Data($"{error.Message}."));
        }
    }

    // Every check has passed: only now does the device change.
    private void Apply(AcceptedBitstream accepted, SecurityPayload? security)
    {
        if (security is not null)
        {
            foreach (var (name, value) in security.Keys)
            {
                Secrets.UserKeys[name] = value;
            }

            State.UserKeys = [.. KeyNames.User.Where(Secrets.UserKeys.ContainsKey)];
            State.PolicyFlags = SecurityComponent.Flags(security.Policy);
            State.FactoryModesDisabled |= security.Keys.Count > 0;
        }

        State.UserEcKeyUsed |= accepted.AuthorizationMode is KeyMode.Kup or KeyMode.Kupe;
        foreach (var component in accepted.Design)
        {
            State.Components[component.Slot!] = component.Digest;
        }

        var header = accepted.Header;
        (State.DesignName, State.DesignVersion, State.BackLevel, State.Checksum) = (header.DesignName, header.DesignVersion, header.BackLevel, header.Checksum);
        State.Cycles++;
        State.DebugUnlocked = false;
        if (accepted.Authorization?.Value(AuthorizationCode.CocKey) is { } cocKey)
        {
            State.LastCoc = Spps.Formats.Production.CertificateOfConformance.Compute(cocKey, Dsn, (uint)State.Cycles,
                [.. accepted.Components.Select(component => Convert.FromHexString(component.Digest))]).ToBytes();
        }

        ConsumeChallenge(accepted);
    }

    private void ConsumeChallenge(AcceptedBitstream accepted)
    {
        if (accepted.Authorization is not null)
        {
            ForgetChallenge();
        }
    }

    internal void ForgetChallenge()
    {
        if (Secrets.ChallengePrivateKey is { } key)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        Secrets.ChallengePrivateKey = null;
        State.Challenge = null;
    }
}
