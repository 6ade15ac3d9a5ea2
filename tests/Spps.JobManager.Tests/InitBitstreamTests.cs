using Spps.Formats.Design;
using Spps.JobManager.Application;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Tests;

public sealed class InitBitstreamTests : ProgrammingDataTest
{
    /// <summary>A Programming Data entry "PD" for the device, in the HSM flow when asked.</summary>
    private void Data(string device, bool hsm = false, SecurityPolicy? policy = null, int version = 3, bool snvmAuth = false)
    {
        var g4 = device.StartsWith("M2", StringComparison.Ordinal);
        var soc = device.StartsWith("MPFS", StringComparison.Ordinal);
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest
        {
            Device = device,
            DesignVersion = version,
            Fabric = new byte[100],
            Policy = policy ?? new SecurityPolicy(),
            EnvmClients = g4 || soc ? [("IMEM", 64, null)] : [],
            SnvmClients = g4 ? [] : [("CAL", 64, snvmAuth ? SnvmClientKind.Authenticated : SnvmClientKind.Plain, null), ("PLAIN", 64, SnvmClientKind.Plain, null)],
        });
        File.WriteAllBytes(Folder.Combine("d.jdc"), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        string? keyset = null;
        if (hsm)
        {
            CreateKeyset();
            keyset = "ks";
        }

        Service.NewProgData("PD", Folder.Combine("d.jdc"), keyset, Folder.Path, _ => { });
    }

    private static BitstreamRequest Request(string type) => new() { Name = "B", Type = type };

    private void Refused(BitstreamRequest request, string message, params string[] code) =>
        AssertRefused(() => Service.InitBitstream("PD", request), message, code);

    [Fact]
    public void A_non_hsm_trusted_facility_bitstream_takes_all_features_of_the_design()
    {
        Data("M2S010");
        var bitstream = Service.InitBitstream("PD", Request("TRUSTED_FACILITY"));
        Assert.Equal(["FABRIC", "ENVM"], bitstream.Features);
        Assert.Null(bitstream.Protocol);
        Assert.Single(Service.Entry("PD").Bitstreams);
    }

    [Fact]
    public void A_master_bitstream_always_programs_security_and_initiator_is_its_other_name()
    {
        Data("M2S010");
        var bitstream = Service.InitBitstream("PD", Request("INITIATOR") with { Features = ["FABRIC"], EnablePasskeyExport = true });
        Assert.Equal(("MASTER", true), (bitstream.Type, bitstream.EnablePasskeyExport));
        Assert.Equal(["FABRIC", "SECURITY"], bitstream.Features);
    }

    [Fact]
    public void An_hsm_master_defaults_to_auth_code_and_dfk_where_the_die_allows_it()
    {
        Data("M2S010", hsm: true);
        var bitstream = Service.InitBitstream("PD", Request("MASTER") with { GenerateCoc = true });
        Assert.Equal(("AUTH_CODE", "DFK", true), (bitstream.Protocol, bitstream.AuthKeyMode, bitstream.GenerateCoc));
    }

    [Fact]
    public void Names_are_unique_in_a_programming_data_and_have_no_path()
    {
        Data("M2S010");
        Service.InitBitstream("PD", Request("TRUSTED_FACILITY"));
        Refused(Request("UEK1"), "Programming Data 'PD' already has a bitstream 'B'; bitstream names are unique in a Programming Data.", "BITSTREAMEXISTS", "B");
        Refused(Request("UEK1") with { Name = "out/b.stp" }, "bitstream_name: Invalid argument value: 'out/b.stp' (expecting a name without path or extension: 1 to 64 letters, digits and '_').", "BADVALUE", "-bitstream_name", "out/b.stp");
    }

    [Fact]
    public void Trusted_facility_is_for_the_non_hsm_flow_only()
    {
        Data("M2S010", hsm: true);
        Refused(Request("TRUSTED_FACILITY"), "bitstream_type: Invalid argument value: 'TRUSTED_FACILITY' (expecting MASTER, UEK1, UEK2, UEK3, KEY_ROTATION or DEBUG in the HSM flow: TRUSTED_FACILITY is for the non-HSM flow only).", "BADVALUE", "-bitstream_type", "TRUSTED_FACILITY");
    }

    [Fact]
    public void Debug_needs_the_hsm_flow_one_time_passcode_and_uek1_or_uek2()
    {
        Data("M2S010");
        Refused(Request("DEBUG"), "bitstream_type: Invalid argument value: 'DEBUG' (expecting TRUSTED_FACILITY, MASTER, UEK1, UEK2, UEK3 or KEY_ROTATION in the non-HSM flow: DEBUG needs the HSM flow).", "BADVALUE", "-bitstream_type", "DEBUG");
    }

    [Fact]
    public void Debug_rules_in_the_hsm_flow()
    {
        Data("M2S010", hsm: true);
        Refused(Request("DEBUG"), "use_protocol: Invalid argument value: '(none)' (expecting ONE_TIME_PASSCODE for a DEBUG bitstream).", "BADVALUE", "-use_protocol", "(none)");
        Refused(Request("DEBUG") with { Protocol = "AUTH_CODE" }, "use_protocol: Invalid argument value: 'AUTH_CODE' (expecting ONE_TIME_PASSCODE for a DEBUG bitstream).", "BADVALUE", "-use_protocol", "AUTH_CODE");
        Refused(Request("DEBUG") with { Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "DFK" }, "auth_keymode: Invalid argument value: 'DFK' (expecting UEK1 or UEK2 for a DEBUG bitstream).", "BADVALUE", "-auth_keymode", "DFK");
        Refused(Request("DEBUG") with { Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "UEK2" }, "auth_keymode: Invalid argument value: 'UEK2' (expecting a user key the security policy programs; UEK2 is not enabled).", "BADVALUE", "-auth_keymode", "UEK2");
        Assert.Equal("UEK1", Service.InitBitstream("PD", Request("DEBUG") with { Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "UEK1" }).AuthKeyMode);
    }

    [Fact]
    public void Uek3_bitstreams_only_on_the_dies_with_uek3_and_update_keys_must_be_programmed()
    {
        Data("M2S010");
        Refused(Request("UEK3"), "bitstream_type: Invalid argument value: 'UEK3' (expecting UEK3 only on M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not M2S010).", "BADVALUE", "-bitstream_type", "UEK3");
        Refused(Request("UEK2"), "bitstream_type: Invalid argument value: 'UEK2' (expecting a user key mode the security policy programs; UEK2 is not enabled in Programming Data 'PD').", "BADVALUE", "-bitstream_type", "UEK2");
    }

    [Fact]
    public void Uek3_bitstreams_work_on_large_dies_with_uek3_enabled()
    {
        Data("M2S090", policy: new SecurityPolicy { Uek3Enabled = true });
        Assert.Equal("UEK3", Service.InitBitstream("PD", Request("UEK3")).Type);
    }

    [Theory]
    [InlineData("M2S010", "SNVM", "features: Invalid argument value: 'SNVM' (expecting features of M2S010: SNVM is supported on PolarFire and PolarFire SoC only).")]
    [InlineData("MPF300T", "ENVM", "features: Invalid argument value: 'ENVM' (expecting features of MPF300: ENVM is supported on SmartFusion 2, IGLOO 2 and PolarFire SoC only).")]
    public void Features_follow_the_family(string device, string feature, string message)
    {
        Data(device);
        Refused(Request("UEK1") with { Features = ["FABRIC", feature] }, message, "BADVALUE", "-features", feature);
    }

    [Fact]
    public void Polarfire_programs_fabric_and_snvm_together()
    {
        Data("MPF300T");
        Refused(Request("UEK1") with { Features = ["FABRIC"] }, "features: Invalid argument value: 'FABRIC' (expecting FABRIC and SNVM together on PolarFire: they must be programmed at once (separate programming of sNVM disables the fabric)).", "BADVALUE", "-features", "FABRIC");
        Assert.Equal(["FABRIC", "SNVM"], Service.InitBitstream("PD", Request("UEK1")).Features);
    }

    [Fact]
    public void All_stands_alone_and_security_belongs_to_master_and_key_rotation()
    {
        Data("M2S010");
        Refused(Request("UEK1") with { Features = ["ALL", "FABRIC"] }, "features: Invalid argument value: 'ALL FABRIC' (expecting ALL alone, or a combination of FABRIC, ENVM, SNVM and SECURITY).", "BADVALUE", "-features", "ALL FABRIC");
        Refused(Request("TRUSTED_FACILITY") with { Features = ["SECURITY"] }, "features: Invalid argument value: 'SECURITY' (expecting FABRIC, ENVM or SNVM for a TRUSTED_FACILITY bitstream: security is programmed by MASTER (Initiator) and KEY_ROTATION bitstreams).", "BADVALUE", "-features", "SECURITY");
    }

    [Fact]
    public void Protocols_belong_to_the_hsm_flow_and_unique_key_needs_its_key_types()
    {
        Data("M2S010");
        Refused(Request("MASTER") with { Protocol = "AUTH_CODE" }, "use_protocol: Invalid argument value: 'AUTH_CODE' (expecting no protocol in the non-HSM flow (the protocols need the HSM)).", "BADVALUE", "-use_protocol", "AUTH_CODE");
    }

    [Fact]
    public void Unique_key_rules_in_the_hsm_flow()
    {
        Data("M2S010", hsm: true);
        Refused(Request("MASTER") with { Protocol = "UNIQUE_KEY" }, "Required parameter 'unique_key_types' is missing. The UNIQUE_KEY protocol needs the per-device keys: any of UPK1, UEK1, UPK2, UEK2, UEK3, DPK.", "MISSING", "unique_key_types");
        Refused(Request("MASTER") with { UniqueKeyTypes = ["UEK1"] }, "unique_key_types: Invalid argument value: 'UEK1' (expecting no value unless -use_protocol is UNIQUE_KEY).", "BADVALUE", "-unique_key_types", "UEK1");
        Refused(Request("MASTER") with { Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK3"] }, "unique_key_types: Invalid argument value: 'UEK3' (expecting UPK1, UEK1, UPK2, UEK2 or DPK: UEK3 is supported for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150 only).", "BADVALUE", "-unique_key_types", "UEK3");
        Refused(Request("MASTER") with { Protocol = "ONE_TIME_PASSCODE" }, "use_protocol: Invalid argument value: 'ONE_TIME_PASSCODE' (expecting AUTH_CODE or UNIQUE_KEY: ONE_TIME_PASSCODE is for DEBUG bitstreams).", "BADVALUE", "-use_protocol", "ONE_TIME_PASSCODE");
        Refused(Request("MASTER") with { Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"], EnableKeyRotation = true }, "-enable_key_rotation: the key rotation flow is not supported with the UNIQUE_KEY protocol.", "ROTATION", "UNIQUE_KEY");
        Assert.Equal(["UEK1", "UPK1"], Service.InitBitstream("PD", Request("MASTER") with { Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1", "UPK1"] }).UniqueKeyTypes);
    }

    [Theory]
    [InlineData("M2S010", null, "DFK")]
    [InlineData("M2S090", "KFPE", "KFPE")]
    [InlineData("MPF300T", "KUP", "KUP")]
    public void The_auth_key_mode_follows_the_die(string device, string? given, string expected)
    {
        Data(device, hsm: true);
        Assert.Equal(expected, Service.InitBitstream("PD", Request("MASTER") with { AuthKeyMode = given }).AuthKeyMode);
    }

    [Theory]
    [InlineData("M2S010", "KFP", "auth_keymode: Invalid argument value: 'KFP' (expecting DFK for M2S010).", "BADVALUE", "-auth_keymode", "KFP")]
    [InlineData("MPFS250T", null, "Required parameter 'auth_keymode' is missing. It is required for MPFS250: KFP, KFPE, KUP, KUPE.", "MISSING", "auth_keymode", null)]
    [InlineData("M2S150", "DFK", "auth_keymode: Invalid argument value: 'DFK' (expecting KFP, KFPE, KUP, KUPE for M2S150).", "BADVALUE", "-auth_keymode", "DFK")]
    public void A_wrong_or_missing_auth_key_mode_is_refused(string device, string? given, string message, string kind, string detail, string? value)
    {
        Data(device, hsm: true);
        Refused(Request("MASTER") with { AuthKeyMode = given }, message, value is null ? [kind, detail] : [kind, detail, value]);
    }

    [Fact]
    public void The_auth_key_mode_applies_only_to_hsm_masters_and_debug()
    {
        Data("M2S010");
        Refused(Request("MASTER") with { AuthKeyMode = "DFK" }, "auth_keymode: Invalid argument value: 'DFK' (expecting no value here: it applies to MASTER (Initiator) bitstreams of the HSM flow and to DEBUG bitstreams).", "BADVALUE", "-auth_keymode", "DFK");
    }

    [Fact]
    public void Client_selections_must_name_clients_of_the_design_and_need_their_feature()
    {
        Data("MPFS095T", snvmAuth: true);
        Refused(Request("UEK1") with { EnvmClients = ["NOPE"] }, "envm_clients: Invalid argument value: 'NOPE' (expecting clients of the design: IMEM).", "BADVALUE", "-envm_clients", "NOPE");
        Refused(Request("UEK1") with { Features = ["FABRIC", "SNVM"], EnvmClients = ["IMEM"] }, "envm_clients: Invalid argument value: 'IMEM' (expecting clients only when -features selects ENVM (or ALL)).", "BADVALUE", "-envm_clients", "IMEM");
        Refused(Request("TRUSTED_FACILITY"), "snvm_clients: Invalid argument value: 'CAL' (expecting only plain sNVM clients in a TRUSTED_FACILITY bitstream ('CAL' is authenticated); select the plain ones with -snvm_clients).", "BADVALUE", "-snvm_clients", "CAL");
        Assert.Equal(["PLAIN"], Service.InitBitstream("PD", Request("TRUSTED_FACILITY") with { SnvmClients = ["PLAIN"] }).SnvmClients);
    }

    [Fact]
    public void Key_rotation_is_for_smartfusion2_and_igloo2()
    {
        Data("MPF300T");
        Refused(Request("KEY_ROTATION"), "-bitstream_type KEY_ROTATION: key rotation is for SmartFusion 2 and IGLOO 2 only, not MPF300 (PolarFire).", "FAMILY", "MPF300");
    }

    [Fact]
    public void Key_rotation_needs_a_design_version_no_permanent_setting_and_new_keys()
    {
        Data("M2GL010", version: 0);
        Refused(Request("MASTER") with { EnableKeyRotation = true }, "-enable_key_rotation: key rotation needs a design version set in the JDC; 'Top' has version 0.", "ROTATION", "design_version");
    }

    [Fact]
    public void Key_rotation_refuses_permanent_settings_and_needs_new_keys()
    {
        Data("M2GL010", policy: new SecurityPolicy { Permanent = true });
        Refused(Request("MASTER") with { EnableKeyRotation = true }, "-enable_key_rotation: key rotation is impossible when a permanent security setting is selected; the security policy has one.", "ROTATION", "permanent");
    }

    [Fact]
    public void A_key_rotation_bitstream_needs_the_new_keys_and_takes_the_rotation_options()
    {
        Data("M2S010");
        Refused(Request("KEY_ROTATION"), "A KEY_ROTATION bitstream needs the new keys: set them with set_new_keys_for_rotation -data_name PD first.", "NOROTATIONKEYS", "PD");
        Refused(Request("UEK1") with { FirstKeyMode = "UEK1" }, "first_keymode: Invalid argument value: 'UEK1' (expecting no value unless -bitstream_type is KEY_ROTATION).", "BADVALUE", "-first_keymode", "UEK1");
        Refused(Request("UEK1") with { AutoIncrementDesignVersion = true }, "auto_inc_design_version: Invalid argument value: 'TRUE' (expecting only for KEY_ROTATION bitstreams).", "BADVALUE", "-auto_inc_design_version", "TRUE");
        Refused(Request("UEK1") with { EnableKeyRotation = true }, "enable_key_rotation: Invalid argument value: 'TRUE' (expecting TRUE only for a MASTER (Initiator) bitstream).", "BADVALUE", "-enable_key_rotation", "TRUE");
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = new string('A', 64) }, _ => { });
        Refused(Request("KEY_ROTATION") with { FirstKeyMode = "UEK3" }, "first_keymode: Invalid argument value: 'UEK3' (expecting UEK1 or UEK2 for M2S010 (no UEK3)).", "BADVALUE", "-first_keymode", "UEK3");
        var rotation = Service.InitBitstream("PD", Request("KEY_ROTATION") with { FirstKeyMode = "UEK1", AutoIncrementDesignVersion = true });
        Assert.Equal((true, "UEK1"), (rotation.AutoIncrementDesignVersion, rotation.FirstKeyMode));
        Assert.Contains("SECURITY", rotation.Features);
    }

    [Fact]
    public void Passkey_export_and_coc_follow_the_flow()
    {
        Data("M2S010");
        Refused(Request("TRUSTED_FACILITY") with { EnablePasskeyExport = true }, "enable_passkey_export: Invalid argument value: 'TRUE' (expecting TRUE only for MASTER, UEK1, UEK2 and UEK3 bitstreams, which carry passkeys).", "BADVALUE", "-enable_passkey_export", "TRUE");
        Refused(Request("MASTER") with { GenerateCoc = true }, "generate_coc: Invalid argument value: 'TRUE' (expecting FALSE in the non-HSM flow: Certificates of Conformance are collected by the HSM flow).", "BADVALUE", "-generate_coc", "TRUE");
    }

    [Fact]
    public void Passkeys_never_leave_the_hsm_flow_in_plain()
    {
        Data("M2S010", hsm: true);
        Refused(Request("MASTER") with { EnablePasskeyExport = true }, "enable_passkey_export: Invalid argument value: 'TRUE' (expecting FALSE in the HSM flow: there the M-HSM unlocks with encrypted passcodes and no plain UPK may leave the HSM).", "BADVALUE", "-enable_passkey_export", "TRUE");
    }

    [Fact]
    public void The_auto_increment_defaults_to_the_jdc_s_auto_update_flag()
    {
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = "M2S010", DesignVersion = 2, AutoUpdate = true, Fabric = new byte[10] });
        File.WriteAllBytes(Folder.Combine("auto.jdc"), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        Service.NewProgData("PD", Folder.Combine("auto.jdc"), null, Folder.Path, _ => { });
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK2"] = new string('B', 64) }, _ => { });
        Assert.True(Service.InitBitstream("PD", Request("KEY_ROTATION")).AutoIncrementDesignVersion);
    }
}
