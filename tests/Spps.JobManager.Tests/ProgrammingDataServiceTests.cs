using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Hsm;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Tests;

public sealed class ProgrammingDataServiceTests : ProgrammingDataTest
{
    private const string Key = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private const string OtherKey = "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100";

    private readonly List<string> _info = [];

    public ProgrammingDataServiceTests()
    {
        File.WriteAllText(Folder.Combine("fw.hex"), ":0400000001020304F2\n:00000001FF\n");
        File.WriteAllBytes(Folder.Combine("big.bin"), new byte[5000]);
    }

    private string Jdc(string device, string name = "d.jdc", IReadOnlyList<(string, int, byte[]?)>? envm = null, IReadOnlyList<(string, int, SnvmClientKind, byte[]?)>? snvm = null)
    {
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest
        {
            Device = device,
            DesignVersion = 2,
            EnvmClients = envm ?? [],
            SnvmClients = snvm ?? [],
            Fabric = new byte[1000],
        });
        File.WriteAllBytes(Folder.Combine(name), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        return Folder.Combine(name);
    }

    private string Spm(string device, SecurityPolicy policy, Dictionary<string, byte[]> keys, string name = "s.spm")
    {
        File.WriteAllBytes(Folder.Combine(name), SpmFile.ToBytes(new SecurityOverwrite(device, policy, keys), "tests", DateTimeOffset.UnixEpoch));
        return Folder.Combine(name);
    }

    private ProgrammingDataEntry New(string device = "M2S010", string name = "PD") =>
        Service.NewProgData(name, Jdc(device, envm: device.StartsWith("MPF", StringComparison.Ordinal) && !device.StartsWith("MPFS", StringComparison.Ordinal) ? null : [("IMEM", 4096, null)],
            snvm: device.StartsWith("MPF", StringComparison.Ordinal) ? [("CFG", 1000, SnvmClientKind.Plain, null)] : null), null, Folder.Path, _info.Add);

    [Fact]
    public void New_prog_data_copies_the_jdc_into_the_project_and_records_the_design()
    {
        var entry = New();
        Assert.Equal(("M2S010", "Top", 2, false), (entry.Device, entry.DesignName, entry.DesignVersion, entry.IsHsmFlow));
        Assert.StartsWith("data/PD/design-", entry.DesignFile, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Folder.Combine("d.jdc")), File.ReadAllBytes(Path.Combine(Workspace.Project!.Folder, entry.DesignFile)));
        Assert.True(Workspace.Project!.IsModified);
    }

    [Fact]
    public void Programming_data_names_are_unique_and_identifiers()
    {
        New();
        AssertRefused(() => New(), "Programming Data 'PD' already exists in project 'P'; names are unique.", "DATAEXISTS", "PD");
        AssertRefused(() => New(name: "my data"), "data_name: Invalid argument value: 'my data' (expecting 1 to 64 letters, digits and '_').", "BADVALUE", "-data_name", "my data");
    }

    [Fact]
    public void A_corrupt_jdc_is_refused_naming_the_file()
    {
        File.WriteAllText(Folder.Combine("bad.jdc"), "not a container");
        var error = Assert.Throws<DomainException>(() => Service.NewProgData("PD", "bad.jdc", null, Folder.Path, _info.Add));
        Assert.StartsWith($"'{Folder.Combine("bad.jdc")}' is not a valid container:", error.Message);
        Assert.Empty(Workspace.Project!.Read<ProgrammingDataSection>().Entries);
    }

    [Fact]
    public void Commands_need_an_open_project_and_an_existing_entry()
    {
        AssertRefused(() => Service.RemoveSecurityOverwrite("NOPE"), "Programming Data 'NOPE' does not exist in project 'P'.", "NODATA", "NOPE");
        Workspace.CloseProject(save: false);
        Assert.Equal("No project is open. Use new_project or open_project first.",
            Assert.Throws<DomainException>(() => Service.Entry("PD")).Message);
    }

    [Fact]
    public void Set_key_and_remove_key_override_and_revert_keys()
    {
        New();
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = Key, ["DPK"] = OtherKey.ToLowerInvariant() });
        Assert.Equal(["DPK", "UEK1"], Service.Entry("PD").KeyOverrides.Keys);
        Assert.Equal(KeyOrigin.SetKey, Service.Effective("PD").Keys.Single(k => k.Name == "UEK1").Origin);
        Assert.Equal(["UEK1"], Service.RemoveKeys("PD", ["UEK1", "UPK2"]));
        Assert.Equal(["DPK"], Service.RemoveKeys("PD", ["ALL"]));
        Assert.Empty(Service.Entry("PD").KeyOverrides);
    }

    [Fact]
    public void Keys_are_checked_by_value_and_by_die()
    {
        New();
        AssertRefused(() => Service.SetKeys("PD", new Dictionary<string, string> { ["UEK3"] = Key }),
            "UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 devices, not M2S010.", "FAMILY", "M2S010");
        AssertRefused(() => Service.RemoveKeys("PD", ["UEK3"]),
            "UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 devices, not M2S010.", "FAMILY", "M2S010");
        AssertRefused(() => Service.SetKeys("PD", new Dictionary<string, string> { ["UEK2"] = "123" }),
            "uek2: Invalid argument value (expecting 64 hexadecimal digits; the value has 3 characters). The value is not shown because it is a key.", "BADKEY", "-uek2");
        AssertRefused(() => Service.SetKeys("PD", new Dictionary<string, string>()),
            "set_key needs at least one key: -upk1, -uek1, -upk2, -uek2, -dpk.", "MISSING", "key");
    }

    [Fact]
    public void Uek3_is_accepted_on_the_large_dies()
    {
        Service.NewProgData("PD", Jdc("M2S090"), null, Folder.Path, _info.Add);
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK3"] = Key });
        Assert.Contains("UEK3", Service.Entry("PD").KeyOverrides.Keys);
    }

    [Fact]
    public void Security_overwrite_is_copied_in_must_match_the_die_and_remove_fails_when_none_is_set()
    {
        New();
        AssertRefused(() => Service.RemoveSecurityOverwrite("PD"),
            "Programming Data 'PD' has no security overwrite to remove; set one with set_security_overwrite first.", "NOOVERWRITE", "PD");
        var foreign = Spm("MPF300T", new SecurityPolicy(), [], "foreign.spm");
        AssertRefused(() => Service.SetSecurityOverwrite("PD", foreign, Folder.Path),
            $"The SPM file '{foreign}' is for MPF300T, but Programming Data 'PD' targets M2S010.", "DIEMISMATCH", "MPF300T", "M2S010");
        Service.SetSecurityOverwrite("PD", Spm("M2S010TS", new SecurityPolicy { DebugLocked = true }, []), Folder.Path);
        Assert.StartsWith("data/PD/overwrite-", Service.Entry("PD").SecurityOverwriteFile, StringComparison.Ordinal);
        Assert.True(Service.Effective("PD").Policy.DebugLocked);
        Service.RemoveSecurityOverwrite("PD");
        Assert.False(Service.Effective("PD").Policy.DebugLocked);
    }

    [Fact]
    public void Envm_updates_follow_every_rule()
    {
        New();
        AssertRefused(() => Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "NOPE", "fw.hex", false, Folder.Path),
            "Programming Data 'PD' has no eNVM client 'NOPE' (its eNVM clients: IMEM).", "NOCLIENT", "NOPE");
        AssertRefused(() => Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "big.bin", false, Folder.Path),
            $"{Folder.Combine("big.bin")}: the data ends at 0x1388 (5000 bytes), beyond the 4096-byte client 'IMEM'.", "MEMFILE", Folder.Combine("big.bin"));
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", false, Folder.Path);
        AssertRefused(() => Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", false, Folder.Path),
            "The eNVM client 'IMEM' of Programming Data 'PD' already has an update; use -overwrite YES to replace it.", "UPDATEEXISTS", "IMEM");
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", true, Folder.Path);
        var content = Service.Effective("PD").EnvmClients.Single().Client.Content;
        Assert.Equal([1, 2, 3, 4, 0], content[..5]);
    }

    [Fact]
    public void Remove_envm_update_reverts_one_client_or_all()
    {
        New();
        AssertRefused(() => Service.RemoveMemoryUpdates(MemoryKind.Envm, "PD", "IMEM", null),
            "The eNVM client 'IMEM' of Programming Data 'PD' has no update to remove.", "NOUPDATE", "IMEM");
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", false, Folder.Path);
        AssertRefused(() => Service.RemoveMemoryUpdates(MemoryKind.Envm, "PD", "IMEM", true),
            "Give -client_name to remove one client's update, or -all YES to remove them all, not both.", "CONFLICT", "client_name", "all");
        AssertRefused(() => Service.RemoveMemoryUpdates(MemoryKind.Envm, "PD", null, false),
            "Nothing to remove: name a client with -client_name, or use -all YES.", "MISSING", "client_name");
        Assert.Equal(["IMEM"], Service.RemoveMemoryUpdates(MemoryKind.Envm, "PD", null, null));
        Assert.Equal(ContentOrigin.Design, Service.Effective("PD").EnvmClients.Single().Origin);
    }

    [Theory]
    [InlineData("MPF300T", MemoryKind.Envm, "eNVM updates apply to SmartFusion 2, IGLOO 2 and PolarFire SoC devices; Programming Data 'PD' targets MPF300T (PolarFire), which has no eNVM.")]
    [InlineData("M2GL025", MemoryKind.Snvm, "sNVM updates apply to PolarFire and PolarFire SoC devices; Programming Data 'PD' targets M2GL025 (IGLOO 2), which has no sNVM.")]
    public void Memory_updates_are_refused_for_families_without_that_memory(string device, MemoryKind kind, string message)
    {
        New(device);
        AssertRefused(() => Service.SetMemoryUpdate(kind, "PD", "X", "fw.hex", false, Folder.Path), message, "FAMILY", device);
        AssertRefused(() => Service.RemoveMemoryUpdates(kind, "PD", null, null), message, "FAMILY", device);
    }

    [Theory]
    [InlineData("M2S010")]
    [InlineData("M2GL010")]
    [InlineData("MPFS095T")]
    public void Envm_updates_work_on_every_family_with_envm(string device)
    {
        New(device);
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", false, Folder.Path);
        Assert.Single(Service.Entry("PD").EnvmUpdates);
    }

    [Theory]
    [InlineData("MPF100T")]
    [InlineData("MPFS250T")]
    public void Snvm_updates_work_on_polarfire_and_polarfire_soc(string device)
    {
        New(device);
        Service.SetMemoryUpdate(MemoryKind.Snvm, "PD", "CFG", "fw.hex", false, Folder.Path);
        Assert.Equal(["CFG"], Service.RemoveMemoryUpdates(MemoryKind.Snvm, "PD", "CFG", null));
    }

    [Fact]
    public void Rotation_keys_are_for_smartfusion2_and_igloo2_and_values_for_the_non_hsm_flow()
    {
        New("MPF300T");
        AssertRefused(() => Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = Key }, _info.Add),
            "Key rotation is available for SmartFusion 2 and IGLOO 2 only; Programming Data 'PD' targets MPF300T (PolarFire).", "FAMILY", "MPF300T");
        New("M2GL010", "G4");
        AssertRefused(() => Service.SetNewKeysForRotation("G4", "ks", new Dictionary<string, string>(), _info.Add),
            "-keyset_file applies to the HSM flow only; Programming Data 'G4' is in the non-HSM flow: give the new key values (-upk1, -uek1, ...).", "NONHSMFLOW", "G4");
        AssertRefused(() => Service.SetNewKeysForRotation("G4", null, new Dictionary<string, string>(), _info.Add),
            "set_new_keys_for_rotation needs the new key values (-upk1, -uek1, ...) or, in the HSM flow, -keyset_file.", "MISSING", "key");
        Service.SetNewKeysForRotation("G4", null, new Dictionary<string, string> { ["UEK1"] = Key, ["UPK1"] = OtherKey }, _info.Add);
        Assert.Equal(["UEK1", "UPK1"], Service.Entry("G4").RotationKeys.Keys);
    }

    [Fact]
    public void A_change_discarded_at_close_leaves_the_saved_project_and_its_files_as_they_were()
    {
        New();
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", false, Folder.Path);
        Workspace.CloseProject(save: true);
        var project = Workspace.OpenProject(Folder.Combine("work", "P", "P.jprj"), Folder.Path, _ => { });
        var saved = Service.Entry("PD").EnvmUpdates["IMEM"].File;
        File.WriteAllText(Folder.Combine("fw.hex"), ":0400000009090909D8\n:00000001FF\n");
        Service.SetMemoryUpdate(MemoryKind.Envm, "PD", "IMEM", "fw.hex", true, Folder.Path);
        Workspace.CloseProject(save: false);
        Workspace.OpenProject(project.FilePath, Folder.Path, _ => { });
        Assert.Equal(saved, Service.Entry("PD").EnvmUpdates["IMEM"].File);
        Assert.Equal([1, 2, 3, 4], Service.Effective("PD").EnvmClients.Single().Client.Content[..4]);
    }

    [Fact]
    public void Hsm_flow_entries_need_a_keyset_under_this_u_hsm_and_refuse_plain_keys()
    {
        CreateKeyset();
        var entry = Service.NewProgData("PD", Jdc("M2S010"), "ks", Folder.Path, _info.Add);
        Assert.True(entry.IsHsmFlow);
        Assert.NotNull(entry.KeysetId);
        Assert.All(Service.Effective("PD").Keys, key => Assert.Equal((KeyOrigin.Keyset, (byte[]?)null), (key.Origin, key.Value)));
        AssertRefused(() => Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = Key }),
            "set_key applies to the non-HSM flow only; Programming Data 'PD' uses keyset 'ks' (HSM flow), whose keys always take effect.", "HSMFLOW", "PD");
        AssertRefused(() => Service.RemoveKeys("PD", ["ALL"]),
            "remove_key applies to the non-HSM flow only; Programming Data 'PD' uses keyset 'ks' (HSM flow), whose keys always take effect.", "HSMFLOW", "PD");
        AssertRefused(() => Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = Key }, _info.Add),
            "-uek1 applies to the non-HSM flow only; Programming Data 'PD' uses keyset 'ks': give the new keys as -keyset_file.", "HSMFLOW", "PD");
        Service.SetNewKeysForRotation("PD", "ks", new Dictionary<string, string>(), _info.Add);
        Assert.Equal("ks", Service.Entry("PD").RotationKeysetFile);
        Assert.Throws<DomainException>(() => Service.NewProgData("PD2", Jdc("M2S010"), "missing", Folder.Path, _info.Add));
        Assert.DoesNotContain("ticket", File.ReadAllText(Workspace.Project!.FilePath), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Rotation_keys_refuse_uek3_on_a_die_without_it()
    {
        New("M2S025");
        AssertRefused(() => Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK3"] = Key }, _info.Add),
            "UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 devices, not M2S025.", "FAMILY", "M2S025");
    }

    [Fact]
    public void A_keyset_is_named_not_pathed_and_must_be_under_this_u_hsm()
    {
        new ApplicationService(Settings).SetHsmParameters("local", "0e9f1c3a-1111-2222-3333-444455556666", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "keys", null, Folder.Path);
        var error = Assert.Throws<DomainException>(() => Service.NewProgData("PD", Jdc("M2S010"), "../ks", Folder.Path, _info.Add));
        Assert.StartsWith("keyset_file: Invalid argument value: '../ks' (expecting a keyset file name without a folder;", error.Message);

        var otherHome = Folder.Combine("other");
        var otherSettings = new SettingsStore(otherHome);
        new ApplicationService(otherSettings).SetHsmParameters("local", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "keys", null, Folder.Path);
        new Keysets.KeysetService(new KeysetRepository(otherSettings), new HsmConnector(otherSettings, otherHome), Clock).Create("foreign", null, new Dictionary<string, string>(), _ => { });
        var foreign = Assert.Throws<HsmException>(() => Service.NewProgData("PD", Jdc("M2S010"), "foreign", Folder.Path, _info.Add));
        Assert.Equal(["SPPS", "HSM", "FOREIGN_KEYSET"], foreign.ErrorCode);
        Assert.Empty(Workspace.Project!.Read<ProgrammingDataSection>().Entries);
    }
}
