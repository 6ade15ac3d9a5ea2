using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Design;
using Spps.Formats.Production;

namespace Spps.Silicon.Tests;

/// <summary>Each refusal of a device with real files of the non-HSM flow; a refusal changes nothing in the device.</summary>
public sealed class ProgramRefusalTests : IDisposable
{
    private const string Die = "MPF300T";
    private readonly ExportedFiles _files = new(Die, new SecurityPolicy { FabricUpdateProtected = true, BackLevelProtection = true });

    public void Dispose() => _files.Dispose();

    private VirtualDevice Initiated()
    {
        var device = Devices.Make(Die);
        Assert.Equal(0, device.Program(_files.Export("MASTER").Bitstream).Code);
        return device;
    }

    [Fact]
    public void A_trusted_facility_stapl_file_and_a_master_dat_file_program_a_new_device()
    {
        var device = Devices.Make(Die);
        var facility = _files.Export("TRUSTED_FACILITY");
        Assert.Equal(SiliconCodes.Success, device.Program(facility.Bitstream).Code);
        Assert.Equal(SiliconCodes.Success, device.VerifyDigest(facility.Bitstream).Code);
        Assert.Equal(("Top", 5, 1), (device.State.DesignName, (int)device.State.DesignVersion, device.State.Cycles));
        Assert.Empty(device.State.UserKeys);

        var master = _files.Export("MASTER", format: "DAT");
        Assert.Equal(SiliconCodes.Success, device.Program(master.Bitstream).Code);
        Assert.Contains("UEK1", device.State.UserKeys);
        Assert.True(device.State.FactoryModesDisabled);
        Assert.Equal(ExportedFiles.Key(Die, "UEK1"), device.Secrets.UserKeys["UEK1"]);
    }

    [Fact]
    public void Before_any_key_a_device_says_what_it_would_refuse_and_changes_nothing()
    {
        var device = Initiated();
        var before = Refusals.Snapshot(device);
        var backLevel = _files.Export("UEK1", version: 1, backLevel: 0).Bitstream;

        Assert.Equal(SiliconCodes.ProgrammingDisabled, device.PublicRefusal(_files.Export("MASTER").Bitstream, AuthorizedAction.Program)?.Code);
        Assert.Equal(SiliconCodes.BackLevelNotSatisfied, device.PublicRefusal(backLevel, AuthorizedAction.Program)?.Code);
        Assert.Null(device.PublicRefusal(backLevel, AuthorizedAction.Verify)); // back level is a PROGRAM's rule
        Assert.Null(device.PublicRefusal(_files.Export("UEK1", version: 6).Bitstream, AuthorizedAction.Program));
        Assert.Equal(SiliconCodes.IdCodeError, Devices.Make("MPF100T").PublicRefusal(backLevel, AuthorizedAction.Program)?.Code);
        Assert.Equal(before, Refusals.Snapshot(device));
    }

    [Fact]
    public void A_device_of_another_die_refuses_with_the_idcode_error()
    {
        var other = Devices.Make("MPF100T");
        Refusals.AssertRefused(other, device => device.Program(_files.Export("TRUSTED_FACILITY").Bitstream), SiliconCodes.IdCodeError, "Failed to verify IDCODE. ActID = ");
    }

    [Fact]
    public void A_bitstream_bound_to_another_dsn_is_refused_and_its_own_device_takes_it()
    {
        // -dsn files are the HSM flow's (the U-HSM derives the device's keys); the binding itself is the header's, built here.
        var device = Devices.Make(Die);
        byte[] Bound(byte[] dsn)
        {
            var die = DeviceCatalog.Find(Die).Die;
            var header = new BitstreamHeader { FamilyCode = 7, TypeCode = 1, IdCode = die.IdCode, Checksum = 1, DesignName = "Top", DesignVersion = 5, BackLevel = 1, Dsn = dsn };
            return BitstreamFormat.Build(header, [new(ComponentType.Fabric, KeyMode.Klk, [1, 2, 3])], _ => Klk.For(7)).Bytes;
        }

        Refusals.AssertRefused(device, d => d.Program(Bound(new byte[16])), SiliconCodes.DsnBindingMismatch, "DSN binding mismatch.");
        Assert.Equal(SiliconCodes.Success, device.Program(Bound(device.Dsn.ToArray())).Code);
    }

    [Fact]
    public void A_byte_altered_anywhere_in_the_bitstream_is_refused()
    {
        var device = Devices.Make(Die);
        var bitstream = _files.Export("MASTER").Bitstream;
        for (var offset = 0; offset < bitstream.Length; offset += 61)
        {
            var altered = bitstream.ToArray();
            altered[offset] ^= 0x20;
            var before = Refusals.Snapshot(device);
            Assert.NotEqual(SiliconCodes.Success, device.Program(altered).Code);
            Assert.Equal(before, Refusals.Snapshot(device));
        }
    }

    [Fact]
    public void Factory_key_modes_are_disabled_once_user_keys_are_loaded()
    {
        var device = Initiated();
        Refusals.AssertRefused(device, d => d.Program(_files.Export("TRUSTED_FACILITY").Bitstream), SiliconCodes.ProgrammingDisabled, "Bitstream programming action is disabled.");
        Refusals.AssertRefused(device, d => d.Program(_files.Export("MASTER").Bitstream), SiliconCodes.ProgrammingDisabled, "factory key modes are disabled");
    }

    [Fact]
    public void An_update_protected_fabric_needs_the_right_upk1_as_the_dat_passkey_block_carries_it()
    {
        var device = Initiated();
        var update = _files.Export("UEK1", version: 6, format: "DAT", passkeys: true);
        Refusals.AssertRefused(device, d => d.Program(update.Bitstream), SiliconCodes.ProgrammingDisabled, "no passcode was given");
        Refusals.AssertRefused(device, d => d.Program(update.Bitstream, passcode: new byte[32]), SiliconCodes.ProgrammingDisabled, "not the device's UPK1");
        Assert.NotNull(update.Upk1);
        Assert.Equal(SiliconCodes.Success, device.Program(update.Bitstream, passcode: update.Upk1).Code);
        Assert.Equal(6, device.State.DesignVersion);
    }

    [Fact]
    public void A_design_version_not_above_the_back_level_is_refused()
    {
        var device = Initiated();
        var backLevel = _files.Export("UEK1", version: 1, backLevel: 0, format: "DAT", passkeys: true);
        Refusals.AssertRefused(device, d => d.Program(backLevel.Bitstream, passcode: backLevel.Upk1), SiliconCodes.BackLevelNotSatisfied, "Back level not satisfied.");
    }

    [Fact]
    public void An_update_under_a_uek1_the_device_does_not_hold_is_refused()
    {
        var device = Devices.Make(Die);
        Refusals.AssertRefused(device, d => d.Program(_files.Export("UEK1").Bitstream), SiliconCodes.AuthenticationFailure, SiliconCodes.InvalidKey);
    }

    [Fact]
    public void Erase_clears_the_design_of_an_intact_erase_component_with_the_passcode()
    {
        var device = Initiated();
        var master = _files.Export("MASTER", format: "DAT", passkeys: true);
        var altered = master.EraseComponent.ToArray();
        altered[200] ^= 1;
        Refusals.AssertRefused(device, d => d.Erase(altered, passcode: master.Upk1), SiliconCodes.AuthenticationFailure, "altered");
        Refusals.AssertRefused(device, d => d.Erase(master.EraseComponent), SiliconCodes.ProgrammingDisabled, "update-protected");
        Assert.Equal(SiliconCodes.Success, device.Erase(master.EraseComponent, passcode: master.Upk1).Code);
        Assert.Empty(device.State.Components);
        Assert.Equal(SiliconCodes.VerifyDigestError, device.VerifyDigest(master.Bitstream).Code);
    }
}
