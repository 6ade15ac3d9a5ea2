using System.Text.Json.Nodes;
using Spps.Formats.Design;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

/// <summary>
/// Every rule of <c>init_bitstream</c> that a later change to the Programming Data can break is checked again when the
/// bitstream is exported, as a file or in a job: the export is refused, naming the bitstream and the rule, and writes
/// nothing. One row per such rule, with the change that breaks it: a command (the policy of an SPM set or removed) or an
/// edit of the project file (rotation keys removed, the flow changed, the design replaced by another version or die).
/// </summary>
public sealed class ExportRulesTests : JobTest
{
    private static readonly string _key = new('7', 64);

    public static TheoryData<string, bool> Rows()
    {
        var rows = new TheoryData<string, bool>();
        foreach (var row in new[] { "uek1 disabled", "uek2 disabled", "permanent under rotating master", "flow changed", "envm client removed", "die without uek3", "die without envm", "snvm clients added", "snvm client secured" })
        {
            rows.Add(row, false);
            rows.Add(row, true);
        }

        foreach (var row in new[] { "permanent under key rotation", "rotation keys removed", "version 0 under key rotation", "family without key rotation" })
        {
            rows.Add(row, false); // a job cannot hold a KEY_ROTATION bitstream (a set of files)
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_bitstream_the_programming_data_no_longer_allows_is_refused_at_export_and_nothing_is_written(string row, bool inJob)
    {
        var (rule, ruleCode) = Prepare(row);
        if (inJob)
        {
            Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
            Target("J", "FPGA", 1, bitstream: "B");
        }

        Break(row);
        AssertRefused(inJob
                ? () => Jobs.Export("J", "out", "board", Folder.Path, Warnings.Add, _ => { })
                : () => Bitstreams.ExportBitstream("PD", "B", ["STAPL", "DAT", "SPI"], "out/b", null, Folder.Path, Warnings.Add, _ => { }),
            $"Bitstream 'B' of Programming Data 'PD' no longer satisfies the rules of init_bitstream: {rule}", ["OUTDATED", "PD", "B", .. ruleCode]);
        Assert.False(Directory.Exists(Folder.Combine("out")) && Directory.EnumerateFileSystemEntries(Folder.Combine("out")).Any(), "nothing may be written");
    }

    [Fact]
    public void A_bitstream_the_programming_data_still_allows_exports_after_other_changes()
    {
        Prepare("uek1 disabled");
        Service.SetSecurityOverwrite("PD", Spm("M2S010", new SecurityPolicy { Uek1Enabled = true, DebugLocked = true }), Folder.Path);
        Assert.Equal(3, Bitstreams.ExportBitstream("PD", "B", ["STAPL", "DAT", "SPI"], "out/b", null, Folder.Path, Warnings.Add, _ => { }).Count);
    }

    // Makes "PD" with a bitstream "B" that init_bitstream accepts; returns the rule message and code the row's change will break.
    private (string Rule, string[] Code) Prepare(string row)
    {
        switch (row)
        {
            case "uek1 disabled":
                Design("PD", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "UEK1" });
                return (UpdateKeyRule("UEK1"), ["BADVALUE", "-bitstream_type", "UEK1"]);
            case "uek2 disabled":
                Design("PD", "M2S010");
                Service.SetSecurityOverwrite("PD", Spm("M2S010", new SecurityPolicy { Uek2Enabled = true }), Folder.Path);
                Define(new BitstreamRequest { Name = "B", Type = "UEK2" });
                return (UpdateKeyRule("UEK2"), ["BADVALUE", "-bitstream_type", "UEK2"]);
            case "permanent under rotating master":
                Design("PD", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "MASTER", EnableKeyRotation = true });
                return ("-enable_key_rotation: key rotation is impossible when a permanent security setting is selected; the security policy has one.", ["ROTATION", "permanent"]);
            case "permanent under key rotation":
                DesignWithRotationKeys("PD", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "KEY_ROTATION" });
                return ("-bitstream_type KEY_ROTATION: key rotation is impossible when a permanent security setting is selected; the security policy has one.", ["ROTATION", "permanent"]);
            case "rotation keys removed":
                DesignWithRotationKeys("PD", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "KEY_ROTATION" });
                return ("A KEY_ROTATION bitstream needs the new keys: set them with set_new_keys_for_rotation -data_name PD first.", ["NOROTATIONKEYS", "PD"]);
            case "flow changed":
                Design("PD", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "TRUSTED_FACILITY" });
                return ("bitstream_type: Invalid argument value: 'TRUSTED_FACILITY' (expecting MASTER, UEK1, UEK2, UEK3, KEY_ROTATION or DEBUG in the HSM flow: TRUSTED_FACILITY is for the non-HSM flow only).",
                    ["BADVALUE", "-bitstream_type", "TRUSTED_FACILITY"]);
            case "envm client removed":
                Design("PD", "M2S010", envm: ["IMEM", "DATA"]);
                Design("OTHER", "M2S010", envm: ["IMEM"]);
                Define(new BitstreamRequest { Name = "B", Type = "UEK1", Features = ["FABRIC", "ENVM"], EnvmClients = ["DATA"] });
                return ("envm_clients: Invalid argument value: 'DATA' (expecting clients of the design: IMEM).", ["BADVALUE", "-envm_clients", "DATA"]);
            case "version 0 under key rotation":
                DesignWithRotationKeys("PD", "M2S010");
                DesignWithRotationKeys("OTHER", "M2S010", version: 0);
                Define(new BitstreamRequest { Name = "B", Type = "KEY_ROTATION" });
                return ("-bitstream_type KEY_ROTATION: key rotation needs a design version set in the JDC; 'Top' has version 0.", ["ROTATION", "design_version"]);
            case "die without uek3":
                Design("PD", "M2S090", policy: new SecurityPolicy { Uek3Enabled = true });
                Design("OTHER", "M2S010");
                Define(new BitstreamRequest { Name = "B", Type = "UEK3" });
                return ("bitstream_type: Invalid argument value: 'UEK3' (expecting UEK3 only on M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not M2S010).",
                    ["BADVALUE", "-bitstream_type", "UEK3"]);
            case "die without envm":
                Design("PD", "M2S010");
                Design("OTHER", "MPF300T", envm: []);
                Define(new BitstreamRequest { Name = "B", Type = "UEK1", Features = ["FABRIC", "ENVM"] });
                return ("features: Invalid argument value: 'ENVM' (expecting features of MPF300: ENVM is supported on SmartFusion 2, IGLOO 2 and PolarFire SoC only).", ["BADVALUE", "-features", "ENVM"]);
            case "family without key rotation":
                DesignWithRotationKeys("PD", "M2S010");
                Design("OTHER", "MPF300T", envm: []);
                Define(new BitstreamRequest { Name = "B", Type = "KEY_ROTATION" });
                return ("-bitstream_type KEY_ROTATION: key rotation is for SmartFusion 2 and IGLOO 2 only, not MPF300 (PolarFire).", ["FAMILY", "MPF300"]);
            case "snvm clients added":
                Design("PD", "MPF300T", envm: []);
                Design("OTHER", "MPF300T", envm: [], snvm: SnvmClientKind.Plain);
                Define(new BitstreamRequest { Name = "B", Type = "UEK1" });
                return ("features: Invalid argument value: 'FABRIC' (expecting FABRIC and SNVM together on PolarFire: they must be programmed at once (separate programming of sNVM disables the fabric)).",
                    ["BADVALUE", "-features", "FABRIC"]);
            default: // "snvm client secured"
                Design("PD", "MPF300T", envm: [], snvm: SnvmClientKind.Plain);
                Design("OTHER", "MPF300T", envm: [], snvm: SnvmClientKind.Authenticated);
                Define(new BitstreamRequest { Name = "B", Type = "TRUSTED_FACILITY" });
                return ("snvm_clients: Invalid argument value: 'CAL' (expecting only plain sNVM clients in a TRUSTED_FACILITY bitstream ('CAL' is authenticated); select the plain ones with -snvm_clients).",
                    ["BADVALUE", "-snvm_clients", "CAL"]);
        }
    }

    // The change after init_bitstream that breaks the row's rule.
    private void Break(string row)
    {
        switch (row)
        {
            case "uek1 disabled":
                Service.SetSecurityOverwrite("PD", Spm("M2S010", new SecurityPolicy { Uek1Enabled = false, Uek2Enabled = true }), Folder.Path);
                break;
            case "uek2 disabled":
                Service.RemoveSecurityOverwrite("PD");
                break;
            case "permanent under rotating master" or "permanent under key rotation":
                Service.SetSecurityOverwrite("PD", Spm("M2S010", new SecurityPolicy { Permanent = true }), Folder.Path);
                break;
            case "rotation keys removed":
                EditEntries(entries => Entry(entries, "PD")["rotationKeys"] = new JsonObject());
                break;
            case "flow changed":
                EditEntries(entries => Entry(entries, "PD")["keysetFile"] = "ks");
                break;
            default: // the design replaced: the entry takes every setting of OTHER but its name and bitstreams
                EditEntries(entries =>
                {
                    var entry = Entry(entries, "PD");
                    foreach (var (name, value) in Entry(entries, "OTHER").Where(property => property.Key is not ("name" or "bitstreams")).ToList())
                    {
                        entry[name] = value?.DeepClone();
                    }
                });
                break;
        }
    }

    private static string UpdateKeyRule(string key) =>
        $"bitstream_type: Invalid argument value: '{key}' (expecting a user key mode the security policy programs; {key} is not enabled in Programming Data 'PD').";

    private void Define(BitstreamRequest request) => Service.InitBitstream("PD", request);

    private void Design(string name, string device, int version = 2, SecurityPolicy? policy = null, string[]? envm = null, SnvmClientKind? snvm = null)
    {
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest
        {
            Device = device, DesignVersion = version, Fabric = new byte[160], Policy = policy ?? new SecurityPolicy(),
            EnvmClients = [.. (envm ?? ["IMEM"]).Select(client => (client, 64, (byte[]?)null))],
            SnvmClients = snvm is { } kind ? [("CAL", 64, kind, null)] : [],
        });
        File.WriteAllBytes(Folder.Combine(name + ".jdc"), JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        Service.NewProgData(name, Folder.Combine(name + ".jdc"), null, Folder.Path, _ => { });
    }

    private void DesignWithRotationKeys(string name, string device, int version = 2)
    {
        Design(name, device, version);
        Service.SetNewKeysForRotation(name, null, new Dictionary<string, string> { ["UEK1"] = _key, ["UPK1"] = _key }, _ => { });
    }

    private string Spm(string device, SecurityPolicy policy) =>
        WriteFile("s.spm", SpmFile.ToBytes(new SecurityOverwrite(device, policy, new Dictionary<string, byte[]>()), "tests", DateTimeOffset.UnixEpoch));

    private string WriteFile(string name, byte[] content)
    {
        File.WriteAllBytes(Folder.Combine(name), content);
        return Folder.Combine(name);
    }

    // Edits the Programming Data entries in the saved project file, as a user or another tool could, and opens the project again.
    private void EditEntries(Action<JsonArray> edit)
    {
        var path = Workspace.Project!.FilePath;
        Workspace.CloseProject(save: true);
        var project = JsonNode.Parse(File.ReadAllText(path))!;
        edit(project["sections"]!["programmingData"]!["entries"]!.AsArray());
        File.WriteAllText(path, project.ToJsonString());
        Workspace.OpenProject(path, Folder.Path, _ => { });
    }

    private static JsonObject Entry(JsonArray entries, string name) => entries.Single(entry => (string?)entry!["name"] == name)!.AsObject();
}
