using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon.Tests;

/// <summary>
/// The debug unlock of a virtual device (docs/silicon.md, "Debug"): a device whose Initiator programmed a DPK and a
/// policy that locks debug keeps its debug locked until a DEBUG authorisation code for its live challenge carries the
/// passcode of its own DPK; the codes are sealed here as the M-HSM seals them, with the Formats codecs.
/// </summary>
public sealed class DebugUnlockTests
{
    private const string Die = "MPF300T";
    private const ushort DebugLocked = 1 << 6;
    private static readonly byte[] _kip = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] _uek1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] _uek2 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] _dpk = RandomNumberGenerator.GetBytes(32);

    private static BitstreamHeader Header(BitstreamType type, byte[]? dsn = null)
    {
        var die = DeviceCatalog.Find(Die).Die;
        return new BitstreamHeader { FamilyCode = die.Family.DataFileCode(), TypeCode = (byte)type, IdCode = die.IdCode, Checksum = 0x1234, DesignName = "Top", DesignVersion = 5, BackLevel = 1, Dsn = dsn };
    }

    private static byte[] Bitstream(BitstreamType type) =>
        BitstreamFormat.Build(Header(type), [new(ComponentType.Fabric, KeyMode.Kip, RandomNumberGenerator.GetBytes(300)), new(ComponentType.EndOfBitstream, KeyMode.Kip, [])], _ => _kip).Bytes;

    /// <summary>A device whose Initiator (programmed under DFK) loaded UEK1, UEK2 and, unless told not to, the DPK, with <paramref name="policy"/>.</summary>
    private static VirtualDevice Programmed(ushort policy = DebugLocked, bool dpk = true, byte dsnSeed = 1)
    {
        var device = Devices.Make(Die, dsnSeed);
        using var entries = new NamedEntries();
        entries.Add(AuthorizationCode.Kip, _kip);
        List<(byte, byte[])> keys = [(SecurityComponent.KeyId("UEK1"), _uek1), (SecurityComponent.KeyId("UEK2"), _uek2)];
        if (dpk)
        {
            keys.Add((SecurityComponent.KeyId("DPK"), _dpk));
        }

        entries.Add(AuthorizationCode.Keys, SecurityComponent.WithKeys(SecurityComponent.Policy(policy), keys));
        var code = AuthorizationCode.Seal(AuthorizedAction.Program, KeyMode.Dfk, device.Challenge(), AuthorizationRecipient.Shared(Devices.Factory.FactoryKey(device.Dsn.ToArray())), entries);
        Assert.True(device.Program(Bitstream(BitstreamType.Master), code.ToBytes()).Passed);
        return device;
    }

    /// <summary>The M-HSM's answer for the device's live challenge: a DEBUG code under <paramref name="mode"/> carrying the passcode <paramref name="dpk"/> makes.</summary>
    private static byte[] DebugCode(VirtualDevice device, DeviceChallenge challenge, KeyMode mode = KeyMode.Uek1, byte[]? dpk = null, AuthorizedAction action = AuthorizedAction.Debug)
    {
        using var entries = new NamedEntries();
        entries.Add(DebugPasscode.EntryName, DebugPasscode.Compute(dpk ?? _dpk, device.Dsn, challenge.Nonce));
        var uek = mode == KeyMode.Uek2 ? _uek2 : _uek1;
        return AuthorizationCode.Seal(action, mode, challenge, AuthorizationRecipient.Shared(mode == KeyMode.Dfk ? Devices.Factory.FactoryKey(device.Dsn.ToArray()) : uek), entries).ToBytes();
    }

    // The device's state but its last result, which every action records.
    private static string Snapshot(VirtualDevice device)
    {
        var state = System.Text.Json.JsonSerializer.SerializeToNode(device.State)!.AsObject();
        state.Remove(nameof(DeviceState.LastResult));
        return state.ToJsonString();
    }

    [Fact]
    public void A_device_with_a_dpk_and_a_policy_that_locks_debug_is_locked_states_bit_5_and_refuses_debug_reads()
    {
        var device = Programmed();

        Assert.Equal(DebugAccess.Locked, device.DebugAccess);
        Assert.True(device.Challenge().KeyState.HasFlag(DeviceKeyState.HoldsDpk));
        var read = device.ReadDebugInfo();
        Assert.Equal(SiliconCodes.DebugAccessError, read.Code);
        Assert.StartsWith("Debug is locked.", read.Message, StringComparison.Ordinal);
        Assert.Contains("Debug = locked", device.DeviceInfo().Message, StringComparison.Ordinal);
        Assert.Equal(DebugAccess.Open, Programmed(policy: 0, dsnSeed: 2).DebugAccess);
    }

    [Theory]
    [InlineData(KeyMode.Uek1)]
    [InlineData(KeyMode.Uek2)]
    public void A_debug_code_for_the_live_challenge_unlocks_once_and_debug_reads_show_no_key(KeyMode mode)
    {
        var device = Programmed();
        var code = DebugCode(device, device.Challenge(), mode);

        var result = device.UnlockDebug(code);

        Assert.True(result.Passed, result.Message);
        Assert.Equal((DebugAccess.Unlocked, true, null), (device.DebugAccess, device.State.DebugUnlocked, device.State.Challenge));
        var info = device.ReadDebugInfo();
        Assert.True(info.Passed);
        Assert.Contains("Design = Top, version 5", info.Message, StringComparison.Ordinal);
        Assert.Contains($"Component FABRIC = {device.State.Components["FABRIC"]}", info.Message, StringComparison.Ordinal);
        Assert.Contains("debug lock on", info.Message, StringComparison.Ordinal);
        Assert.Contains("Key state = 2D (FactoryModesDisabled, HoldsUek1, HoldsUek2, HoldsDpk)", info.Message, StringComparison.Ordinal);
        foreach (var key in new[] { _dpk, _uek1, _uek2, _kip, device.Secrets.FactoryKey })
        {
            SecretScan.AssertAbsentFromText(key, info.Message + device.DeviceInfo().Message + device.State.LastResult, "the debug info");
        }

        // The same code again: its challenge is gone.
        var again = device.UnlockDebug(code);
        Assert.Equal(SiliconCodes.DebugAccessError, again.Code);
    }

    [Fact]
    public void The_unlock_lasts_until_the_next_challenge_program_or_erase()
    {
        var device = Programmed();
        Assert.True(device.UnlockDebug(DebugCode(device, device.Challenge())).Passed);
        device.Challenge();
        Assert.Equal(DebugAccess.Locked, device.DebugAccess);

        Assert.True(device.UnlockDebug(DebugCode(device, device.Challenge())).Passed);
        Assert.True(device.VerifyDigest(Bitstream(BitstreamType.Master)).Code != SiliconCodes.Success);
        Assert.Equal(DebugAccess.Unlocked, device.DebugAccess);
        var update = BitstreamFormat.Build(Header(BitstreamType.Uek1), [new(ComponentType.Fabric, KeyMode.Uek1, RandomNumberGenerator.GetBytes(300)), new(ComponentType.EndOfBitstream, KeyMode.Uek1, [])], _ => _uek1).Bytes;
        Assert.True(device.Program(update).Passed);
        Assert.Equal(DebugAccess.Locked, device.DebugAccess);

        Assert.True(device.UnlockDebug(DebugCode(device, device.Challenge())).Passed);
        Assert.True(device.Erase(EraseComponent.For(update)).Passed);
        Assert.Equal(DebugAccess.Locked, device.DebugAccess);
    }

    [Fact]
    public void A_replayed_code_another_device_s_code_or_a_code_for_a_spent_challenge_is_refused_and_changes_nothing()
    {
        var device = Programmed();
        var other = Programmed(dsnSeed: 2);
        var old = DebugCode(device, device.Challenge());
        var live = device.Challenge();

        var replayed = Snapshot(device);
        Assert.Contains("not this device's live challenge", device.UnlockDebug(old).Message, StringComparison.Ordinal);
        Assert.Equal(replayed, Snapshot(device));

        Assert.Contains("not for this device", device.UnlockDebug(DebugCode(other, other.Challenge())).Message, StringComparison.Ordinal);
        Assert.Equal(replayed, Snapshot(device));
        Assert.Equal(live.ToBytes(), device.State.Challenge);

        Assert.True(device.UnlockDebug(DebugCode(device, live)).Passed);
        device.State.DebugUnlocked = false; // locked again by hand: the spent challenge's code must not reopen it
        var spent = Snapshot(device);
        Assert.Contains("no live challenge", device.UnlockDebug(DebugCode(device, live)).Message, StringComparison.Ordinal);
        Assert.Equal(spent, Snapshot(device));
        Assert.Equal(DebugAccess.Locked, device.DebugAccess);
    }

    [Fact]
    public void A_code_that_answers_the_live_challenge_but_fails_consumes_it_and_unlocks_nothing()
    {
        var device = Programmed();
        (string Why, Func<DeviceChallenge, byte[]> Code)[] failing =
        [
            ("another DPK's passcode", challenge => DebugCode(device, challenge, dpk: RandomNumberGenerator.GetBytes(32))),
            ("a PROGRAM code", challenge => DebugCode(device, challenge, action: AuthorizedAction.Program)),
            ("a code under DFK", challenge => DebugCode(device, challenge, KeyMode.Dfk)),
            ("a code under a UEK the device does not hold", challenge => DebugCode(device, challenge, KeyMode.Uek3)),
        ];
        foreach (var (why, code) in failing)
        {
            var result = device.UnlockDebug(code(device.Challenge()));
            Assert.True(result.Code == SiliconCodes.AuthenticationFailure, $"{why}: {result}");
            Assert.Null(device.State.Challenge);
            Assert.Equal(DebugAccess.Locked, device.DebugAccess);
        }
    }

    [Fact]
    public void A_device_with_nothing_to_unlock_no_dpk_or_no_design_is_refused_before_a_ticket_is_spent()
    {
        var debugBitstream = Bitstream(BitstreamType.Debug);
        var locked = Programmed();
        Assert.Null(locked.PublicRefusal(debugBitstream, AuthorizedAction.Debug));
        Assert.Null(locked.PublicRefusal(Header(BitstreamType.Debug)));

        var open = Programmed(policy: 0, dsnSeed: 2);
        Assert.Contains("there is nothing to unlock", open.PublicRefusal(debugBitstream, AuthorizedAction.Debug)!.Message, StringComparison.Ordinal);
        var noDpk = Programmed(dpk: false, dsnSeed: 3);
        Assert.Equal(SiliconCodes.AuthenticationFailure, noDpk.PublicRefusal(debugBitstream, AuthorizedAction.Debug)!.Code);
        Assert.Contains("holds no DPK", noDpk.PublicRefusal(Header(BitstreamType.Debug))!.Message, StringComparison.Ordinal);
        var erased = Programmed(dsnSeed: 4);
        Assert.True(erased.Erase(EraseComponent.For(Bitstream(BitstreamType.Master))).Passed);
        Assert.Contains("no design to debug", erased.PublicRefusal(Header(BitstreamType.Debug))!.Message, StringComparison.Ordinal);

        // Another device's or another type's bitstream.
        Assert.Equal(SiliconCodes.DsnBindingMismatch, locked.PublicRefusal(Header(BitstreamType.Debug, open.Dsn.ToArray()))!.Code);
        Assert.Equal(SiliconCodes.ProcessDataError, locked.PublicRefusal(Header(BitstreamType.Master))!.Code);

        // The device refuses the unlock itself the same way, and keeps its live challenge.
        var challenge = open.Challenge();
        Assert.Contains("there is nothing to unlock", open.UnlockDebug(DebugCode(open, challenge)).Message, StringComparison.Ordinal);
        Assert.Equal(challenge.ToBytes(), open.State.Challenge);
    }
}
