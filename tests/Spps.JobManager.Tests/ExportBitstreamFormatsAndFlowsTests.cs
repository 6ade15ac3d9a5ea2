using System.Security.Cryptography;
using System.Text;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Dat;
using Spps.Formats.Design;
using Spps.Formats.Stapl;
using Spps.Hsm;
using Spps.JobManager.ProgrammingData;
using Spps.Testing;

namespace Spps.JobManager.Tests;

/// <summary>STAPL output, KEY_ROTATION file sets, and the HSM flow's update bitstreams (sealed by the embedded U-HSM).</summary>
public sealed class ExportBitstreamFormatsAndFlowsTests : ProgrammingDataTest
{
    private const string Dsn = "00112233445566778899AABBCCDDEEFF";
    private static readonly string _oldUek1 = new('1', 64);
    private static readonly string _newUek1 = new('A', 64);
    private static readonly string _newUek2 = new('B', 64);
    private static readonly string _newUpk2 = new('C', 64);
    private readonly byte[] _fabric = SeededBytes.Generate(4, "fabric", 3000);

    private void Data(string device, string? keyset = null, int version = 5)
    {
        var (design, _) = DesignGenerator.Generate(new DesignRequest { Device = device, DesignVersion = version, Fabric = _fabric, EnvmClients = [("IMEM", 64, null)] });
        File.WriteAllBytes(Folder.Combine("d.jdc"), JdcFile.ToBytes(design, _fabric, "tests", DateTimeOffset.UnixEpoch));
        Service.NewProgData("PD", Folder.Combine("d.jdc"), keyset, Folder.Path, _ => { });
    }

    private IReadOnlyList<string> Export(string bitstream, IReadOnlyList<string> formats, string? dsn = null) =>
        Bitstreams.ExportBitstream("PD", bitstream, formats, "out/b", dsn, Folder.Path, _ => { }, _ => { });

    private static byte[] Open(byte[] bitstream, byte type, byte[] key) =>
        BitstreamFormat.Open(bitstream, BitstreamFormat.Read(bitstream).Components.Single(c => c.Type == type).Offset, key);

    [Fact]
    public void Stapl_dat_and_spi_carry_the_same_bitstream_and_the_stapl_file_reads_back_to_the_same_bytes()
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var files = Export("TF", ["STAPL", "DAT", "SPI"]);
        Assert.Equal([Folder.Combine("out", "b.stp"), Folder.Combine("out", "b.dat"), Folder.Combine("out", "b.spi")], files);

        var spi = File.ReadAllBytes(files[2]);
        var staplBytes = File.ReadAllBytes(files[0]);
        var stapl = StaplFile.Read(staplBytes, files[0]);
        Assert.Equal(("M2S010", "0F8031CF", "Top", "Disable"), (stapl.Note("DEVICE"), stapl.Note("IDCODE"), stapl.Note("DESIGN"), stapl.Note("SECURITY")));
        Assert.Equal([.. spi, .. EraseComponent.For(spi)], stapl.BooleanArray("BITSTREAM", "DATASTREAM")!.Data);
        Assert.Equal(DatFile.Read(File.ReadAllBytes(files[1]), files[1]).ComponentBlocks, [.. StaplImage.From(stapl, files[0]).ComponentBlocks, EraseComponent.Blocks]);
        Assert.Equal(staplBytes, StaplProgramWriter.ToBytes(StaplImage.From(stapl, files[0])));
    }

    [Theory]
    [InlineData("M2S010")]
    [InlineData("MPFS095T")]
    public void Dat_and_stapl_carry_the_same_erase_component_where_directc_and_the_player_look_for_it(string device)
    {
        Data(device);
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var files = Export("TF", ["STAPL", "DAT", "SPI"]);
        var spi = File.ReadAllBytes(files[2]);
        var stapl = StaplImage.From(StaplFile.Read(File.ReadAllBytes(files[0]), files[0]), files[0]);
        var dat = new DirectCDataFile(File.ReadAllBytes(files[1]));
        var components = BitstreamFormat.Read(spi).Components.Count + 1;

        Assert.Equal((components + 1, components, 1), (dat.Components, dat.DataSize, dat.EraseDataSize));
        Assert.Equal(Frames(spi), dat.ProgramFrames());
        Assert.Equal(Frames(EraseComponent.For(spi)), dat.EraseFrames());
        Assert.Equal(dat.EraseFrames(), Frames(stapl.EraseDatastream));
        Assert.Equal(BitstreamFormat.Read(spi).Header, EraseComponent.Read(stapl.EraseDatastream).Header);
    }

    [Fact]
    public void The_spi_image_is_the_bitstream_alone()
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var spi = File.ReadAllBytes(Export("TF", ["SPI"])[0]);
        Assert.Equal(spi.Length, BitstreamFormat.Read(spi).Components.Sum(component => component.Length) + BitstreamFormat.HeaderBytes);
    }

    private static List<byte[]> Frames(byte[] data) => [.. data.Chunk(16)];

    [Fact]
    public void Key_rotation_exports_the_ordered_files_each_under_a_key_the_device_holds_at_that_step()
    {
        Data("M2S010");
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = _oldUek1 });
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = _newUek1, ["UEK2"] = _newUek2, ["UPK2"] = _newUpk2 }, _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION", AutoIncrementDesignVersion = true });
        var files = Export("KR", ["SPI", "STAPL"]);
        Assert.Equal(["b_rotate_1_uks1.spi", "b_rotate_1_uks1.stp", "b_rotate_2_uks2.spi", "b_rotate_2_uks2.stp"], files.Select(Path.GetFileName));

        var first = File.ReadAllBytes(files[0]);
        Assert.Equal((ushort)6, BitstreamFormat.Read(first).Header.DesignVersion);
        var keys = Open(first, ComponentType.Keys, Convert.FromHexString(_oldUek1));
        Assert.Equal(2, keys[2]);
        Assert.Equal(Convert.FromHexString(_newUpk2), keys.AsSpan(5, 32).ToArray());
        Assert.Equal(Convert.FromHexString(_newUek2), keys.AsSpan(5 + 33, 32).ToArray());

        var second = File.ReadAllBytes(files[2]);
        Assert.Equal((ushort)7, BitstreamFormat.Read(second).Header.DesignVersion);
        var last = Open(second, ComponentType.Keys, Convert.FromHexString(_newUek2));
        Assert.Equal(Convert.FromHexString(_newUek1), last.AsSpan(5, 32).ToArray());
        Assert.Equal("Enable", StaplFile.Read(File.ReadAllBytes(files[1]), files[1]).Note("SECURITY"));
    }

    [Fact]
    public void Key_rotation_without_auto_increment_keeps_the_design_version_and_first_keymode_chooses_the_first_key()
    {
        Data("M2S010");
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK2"] = new string('2', 64) });
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = _newUek1 }, _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION", FirstKeyMode = "UEK2", AutoIncrementDesignVersion = false });
        var files = Export("KR", ["SPI"]);
        Assert.Equal(["b_rotate_1_uks2.spi"], files.Select(Path.GetFileName));
        var only = File.ReadAllBytes(files[0]);
        Assert.Equal((ushort)5, BitstreamFormat.Read(only).Header.DesignVersion);
        Assert.Equal(Convert.FromHexString(_newUek1), Open(only, ComponentType.Keys, Convert.FromHexString(new string('2', 64))).AsSpan(5, 32).ToArray());
    }

    [Fact]
    public void Key_rotation_refuses_design_versions_past_65535_and_writes_nothing()
    {
        Data("M2S010", version: 65535);
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = _oldUek1 });
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK2"] = _newUek2 }, _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION", AutoIncrementDesignVersion = true });
        AssertRefused(() => Export("KR", ["SPI"]),
            "Key rotation file 1 would carry design version 65536; a design version is at most 65535. Lower the JDC's design version or export without -auto_inc_design_version.",
            "DESIGNVERSION", "65536");
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }

    [Fact]
    public void An_hsm_update_bitstream_is_sealed_by_the_u_hsm_under_the_keyset_s_uek1_and_no_key_reaches_the_files()
    {
        var uek1 = RandomNumberGenerator.GetBytes(32);
        CreateKeyset(keyValues: new Dictionary<string, string> { ["UEK1"] = Convert.ToHexString(uek1) });
        Data("M2S010", "ks");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "AUTH_CODE" });
        var files = Export("U1", ["SPI", "DAT", "STAPL"]);
        Assert.Equal(_fabric, Open(File.ReadAllBytes(files[0]), ComponentType.Fabric, uek1));
        foreach (var file in files.Append(Workspace.Project!.FilePath))
        {
            SecretScan.AssertAbsent(uek1, file);
        }
    }

    [Fact]
    public void A_per_device_hsm_update_needs_a_dsn_and_is_encrypted_with_the_key_derived_from_the_base_key_and_the_dsn()
    {
        var baseKey = RandomNumberGenerator.GetBytes(32);
        CreateKeyset(keyValues: new Dictionary<string, string> { ["UEK1_BASE"] = Convert.ToHexString(baseKey) });
        Data("M2S010", "ks");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        AssertRefused(() => Export("U1", ["SPI"]),
            "'U1' encrypts with per-device UEK1 values (UNIQUE_KEY): give -dsn <32 hex digits> to make one device's file, or program it in a job with an HSM task, where the M-HSM derives each device's key.",
            "NEEDSDSN", "U1");

        var spi = File.ReadAllBytes(Export("U1", ["SPI"], Dsn)[0]);
        Assert.Equal(Convert.FromHexString(Dsn), BitstreamFormat.Read(spi).Header.Dsn);
        var context = Encoding.ASCII.GetBytes("UEK1\0").Concat(Convert.FromHexString(Dsn)).ToArray();
        var deviceKey = SP800108HmacCounterKdf.DeriveBytes(baseKey, HashAlgorithmName.SHA256, Encoding.ASCII.GetBytes("SPPS per-device key"), context, 32);
        Assert.Equal(_fabric, Open(spi, ComponentType.Fabric, deviceKey));
        SecretScan.AssertAbsent(baseKey, Folder.Combine("out", "b.spi"));
    }

    [Fact]
    public void Hsm_master_bitstreams_are_refused_as_files_and_a_dsn_needs_an_update_bitstream()
    {
        CreateKeyset();
        Data("M2S010", "ks");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER", Protocol = "AUTH_CODE" });
        AssertRefused(() => Export("M", ["STAPL"]),
            "'M' is a MASTER bitstream of the HSM flow: its keys are applied by the M-HSM when each device is programmed, so it cannot be a file. Program it in a job with an HSM task (add_hsmtask_to_job, export_hsmtask) instead.",
            "HSMJOBONLY", "M");
        AssertRefused(() => Export("M", ["STAPL"], Dsn), "-dsn applies to UEK1, UEK2 and UEK3 update bitstreams; 'M' is a MASTER bitstream.", "BADVALUE", "-dsn");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "D", Type = "DEBUG", Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "UEK1" });
        AssertRefused(() => Export("D", ["DAT"]),
            "'D' is a DEBUG bitstream of the HSM flow: its keys are applied by the M-HSM when each device is programmed, so it cannot be a file. Program it in a job with an HSM task (add_hsmtask_to_job, export_hsmtask) instead.",
            "HSMJOBONLY", "D");
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }

    [Fact]
    public void Hsm_key_rotation_files_are_sealed_inside_the_hsm_each_under_the_key_set_its_name_gives()
    {
        var newUek2 = RandomNumberGenerator.GetBytes(32);
        CreateKeyset("ks", new Dictionary<string, string>());
        CreateKeyset("next", new Dictionary<string, string> { ["UEK2"] = Convert.ToHexString(newUek2) });
        Data("M2S010", "ks");
        Service.SetNewKeysForRotation("PD", "next", new Dictionary<string, string>(), _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION", FirstKeyMode = "UEK2" });
        var files = Export("KR", ["SPI"]);
        Assert.Equal(["b_rotate_1_uks2.spi", "b_rotate_2_uks1.spi"], files.Select(Path.GetFileName));
        var modes = files.Select(file => BitstreamFormat.Read(File.ReadAllBytes(file)).Components.Single(c => c.Type == ComponentType.Keys).Mode);
        Assert.Equal([KeyMode.Uek2, KeyMode.Uek1], modes);
        files.ToList().ForEach(file => SecretScan.AssertAbsent(newUek2, file));
    }

    [Fact]
    public void Hsm_key_rotation_under_a_key_the_user_imported_is_refused_and_writes_nothing()
    {
        // The first file would carry the new keys under the current UEK1, which whoever imported it knows.
        CreateKeyset("ks", new Dictionary<string, string> { ["UEK1"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) });
        CreateKeyset("next", new Dictionary<string, string>());
        Data("M2S010", "ks");
        Service.SetNewKeysForRotation("PD", "next", new Dictionary<string, string>(), _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "KR", Type = "KEY_ROTATION" });
        var error = Assert.Throws<HsmException>(() => Export("KR", ["SPI"]));
        Assert.Contains("which the HSM did not generate", error.Message, StringComparison.Ordinal);
        Assert.Contains("-first_keymode", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }
}
