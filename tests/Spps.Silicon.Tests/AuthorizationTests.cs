using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Production;

namespace Spps.Silicon.Tests;

/// <summary>
/// HSM-job bitstreams (components under KIP): the device takes KIP only from an authorisation code the test seals as
/// the M-HSM would, with the Formats codec, for the device's live challenge.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Die = "MPF300T";
    private static readonly byte[] _kip = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] _uek1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] _fabric = RandomNumberGenerator.GetBytes(700);

    private static byte[] KipBitstream(BitstreamType type, ushort version = 5)
    {
        var die = DeviceCatalog.Find(Die).Die;
        var header = new BitstreamHeader
        {
            FamilyCode = die.Family.DataFileCode(), TypeCode = (byte)type, IdCode = die.IdCode, Checksum = 0x1234, DesignName = "Top", DesignVersion = version, BackLevel = 1,
        };
        return BitstreamFormat.Build(header, [new(ComponentType.Fabric, KeyMode.Kip, _fabric), new(ComponentType.EndOfBitstream, KeyMode.Kip, [])], _ => _kip).Bytes;
    }

    private static byte[] Authorize(VirtualDevice device, KeyMode mode, AuthorizedAction action = AuthorizedAction.Program, bool coc = false, DeviceChallenge? challenge = null)
    {
        using var entries = new NamedEntries();
        entries.Add(AuthorizationCode.Kip, _kip);
        entries.Add(AuthorizationCode.Keys, SecurityComponent.WithKeys(SecurityComponent.Policy(0x0001), [(SecurityComponent.KeyId("UEK1"), _uek1)]));
        if (coc)
        {
            entries.Add(AuthorizationCode.CocKey, CertificateOfConformance.DeriveKey(_kip, device.Dsn.ToArray()));
        }

        var recipient = mode switch
        {
            KeyMode.Dfk => AuthorizationRecipient.Shared(Devices.Factory.FactoryKey(device.Dsn.ToArray())),
            KeyMode.Kfp or KeyMode.Kfpe => AuthorizationRecipient.Public(device.Certificate.FactoryPublicKey),
            KeyMode.Kup or KeyMode.Kupe => AuthorizationRecipient.Public(device.UserKeyStatement.UserPublicKey),
            _ => AuthorizationRecipient.Shared(_uek1),
        };
        return AuthorizationCode.Seal(action, mode, challenge ?? device.Challenge(), recipient, entries).ToBytes();
    }

    [Fact]
    public void A_challenge_states_the_device_s_key_state_before_and_after_its_initiator()
    {
        var device = Devices.Make(Die);
        Assert.Equal(DeviceKeyState.None, device.Challenge().KeyState);

        Assert.Equal(SiliconCodes.Success, device.Program(KipBitstream(BitstreamType.Master), Authorize(device, KeyMode.Kup)).Code);

        Assert.Equal(DeviceKeyState.FactoryModesDisabled | DeviceKeyState.UserEcKeyUsed | DeviceKeyState.HoldsUek1, device.Challenge().KeyState);
    }

    [Fact]
    public void A_live_challenge_of_the_older_layout_kept_in_a_bench_is_refused_without_change()
    {
        var device = Devices.Make(Die);
        var code = Authorize(device, KeyMode.Kfp);
        device.State.Challenge = device.State.Challenge![..137];
        var cycles = device.State.Cycles;

        var result = device.Program(KipBitstream(BitstreamType.Master), code);

        Assert.Equal(SiliconCodes.AuthenticationFailure, result.Code);
        Assert.Contains("ask the device for a new challenge", result.Message, StringComparison.Ordinal);
        Assert.Equal(cycles, device.State.Cycles);
    }

    [Theory]
    [InlineData(KeyMode.Kfp)]
    [InlineData(KeyMode.Kfpe)]
    [InlineData(KeyMode.Kup)]
    [InlineData(KeyMode.Kupe)]
    [InlineData(KeyMode.Dfk)]
    public void An_initiator_under_kip_programs_with_a_live_authorisation_and_gives_a_coc(KeyMode mode)
    {
        var device = Devices.Make(Die);
        var bitstream = KipBitstream(BitstreamType.Master);

        Assert.Equal(SiliconCodes.Success, device.Program(bitstream, Authorize(device, mode, coc: true)).Code);
        Assert.Equal(["UEK1"], device.State.UserKeys);
        var coc = device.CertificateOfConformance!;
        coc.Verify(CertificateOfConformance.DeriveKey(_kip, device.Dsn.ToArray()), "coc");
        Assert.Equal((1u, 2), (coc.CycleCount, coc.ComponentDigests.Count));
    }

    [Fact]
    public void Kip_is_taken_only_from_an_authorisation_code()
    {
        var device = Devices.Make(Die);
        Refusals.AssertRefused(device, d => d.Program(KipBitstream(BitstreamType.Master)), SiliconCodes.AuthenticationFailure, "only from a live authorisation code");
    }

    [Fact]
    public void A_spent_authorisation_is_refused_when_replayed()
    {
        var device = Devices.Make(Die);
        var bitstream = KipBitstream(BitstreamType.Master);
        var authorization = Authorize(device, KeyMode.Kfp);
        var fresh = Authorize(device, KeyMode.Kfp);
        Assert.Equal(SiliconCodes.Success, device.Program(bitstream, fresh).Code);

        Refusals.AssertRefused(device, d => d.Program(bitstream, fresh), SiliconCodes.AuthenticationFailure, "no live challenge");
        device.Challenge();
        Refusals.AssertRefused(device, d => d.Program(bitstream, authorization), SiliconCodes.AuthenticationFailure, "not this device's live challenge");
    }

    [Fact]
    public void An_authorisation_for_another_device_or_another_action_is_refused()
    {
        var device = Devices.Make(Die);
        var other = Devices.Make(Die, dsnSeed: 50);
        var bitstream = KipBitstream(BitstreamType.Master);
        var foreign = Authorize(other, KeyMode.Kfp);
        device.Challenge();

        Refusals.AssertRefused(device, d => d.Program(bitstream, foreign), SiliconCodes.AuthenticationFailure, $"is for device {other.Dsn}");
        var erase = Authorize(device, KeyMode.Kfp, AuthorizedAction.Erase);
        Refusals.AssertRefused(device, d => d.Program(bitstream, erase), SiliconCodes.AuthenticationFailure, "is for ERASE, not for PROGRAM");
    }

    [Fact]
    public void An_authorisation_sealed_under_a_foreign_factory_does_not_open()
    {
        var device = Devices.Make(Die);
        using var foreignFactory = DeviceFactory.Create();
        using var entries = new NamedEntries();
        entries.Add(AuthorizationCode.Kip, _kip);
        var code = AuthorizationCode.Seal(AuthorizedAction.Program, KeyMode.Dfk, device.Challenge(), AuthorizationRecipient.Shared(foreignFactory.FactoryKey(device.Dsn.ToArray())), entries);

        Refusals.AssertRefused(device, d => d.Program(KipBitstream(BitstreamType.Master), code.ToBytes()), SiliconCodes.AuthenticationFailure, "does not open with the DFK key");
    }

    [Fact]
    public void Factory_modes_are_disabled_after_user_keys_and_the_kup_key_after_its_first_use()
    {
        var device = Devices.Make(Die);
        var master = KipBitstream(BitstreamType.Master);
        Assert.Equal(SiliconCodes.Success, device.Program(master, Authorize(device, KeyMode.Kup)).Code);

        foreach (var (mode, message) in new[] { (KeyMode.Kfp, "factory key mode KFP is disabled"), (KeyMode.Dfk, "factory key mode DFK is disabled"), (KeyMode.Kupe, "user EC key (KUPE) is disabled after its first use") })
        {
            var authorization = Authorize(device, mode);
            Refusals.AssertRefused(device, d => d.Program(master, authorization), SiliconCodes.ProgrammingDisabled, message);
        }
    }

    [Fact]
    public void An_hsm_update_opens_with_an_authorisation_under_the_uek1_the_device_holds()
    {
        var device = Devices.Make(Die);
        Assert.Equal(SiliconCodes.Success, device.Program(KipBitstream(BitstreamType.Master), Authorize(device, KeyMode.Kfp)).Code);

        Assert.Equal(SiliconCodes.Success, device.Program(KipBitstream(BitstreamType.Uek1, version: 6), Authorize(device, KeyMode.Uek1)).Code);
        Assert.Equal(6, device.State.DesignVersion);
    }
}
