using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Dat;
using Spps.Formats.Design;
using Spps.JobManager.Application;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Tests;

public sealed class ExportBitstreamTests : ProgrammingDataTest
{
    private readonly List<string> _warnings = [];
    private readonly byte[] _fabric = SeededBytes.Generate(3, "fabric", 5000);

    private void Data(string device, string? keyset = null)
    {
        var g4 = device.StartsWith("M2", StringComparison.Ordinal);
        var (design, _) = DesignGenerator.Generate(new DesignRequest
        {
            Device = device, DesignVersion = 5, Fabric = _fabric,
            EnvmClients = g4 || device.StartsWith("MPFS", StringComparison.Ordinal) ? [("IMEM", 64, null)] : [],
            SnvmClients = g4 ? [] : [("CAL", 64, SnvmClientKind.Plain, null)],
        });
        File.WriteAllBytes(Folder.Combine("d.jdc"), JdcFile.ToBytes(design, _fabric, "tests", DateTimeOffset.UnixEpoch));
        Service.NewProgData("PD", Folder.Combine("d.jdc"), keyset, Folder.Path, _ => { });
    }

    private IReadOnlyList<string> Export(string bitstream, IReadOnlyList<string> formats, string path = "out/b", string? dsn = null) =>
        Bitstreams.ExportBitstream("PD", bitstream, formats, path, dsn, Folder.Path, _warnings.Add, _ => { });

    [Theory]
    [InlineData("M2S010", 5)]
    [InlineData("MPF300T", 7)]
    [InlineData("MPFS095T", 8)]
    public void A_trusted_facility_bitstream_exports_as_dat_and_spi_with_the_fabric_under_the_klk(string device, byte family)
    {
        Data(device);
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var files = Export("TF", ["DAT", "SPI"]);
        Assert.Equal([Folder.Combine("out", "b.dat"), Folder.Combine("out", "b.spi")], files);

        var spi = File.ReadAllBytes(files[1]);
        var (header, components) = BitstreamFormat.Read(spi);
        Assert.Equal((family, (ushort)5, "Top"), (header.FamilyCode, header.DesignVersion, header.DesignName));
        var fabric = components.Single(c => c.Type == ComponentType.Fabric);
        Assert.Equal(KeyMode.Klk, fabric.Mode);
        Assert.Equal(_fabric, BitstreamFormat.Open(spi, fabric.Offset, Klk.For(family)));

        var dat = DatFile.Read(File.ReadAllBytes(files[0]), files[0]);
        Assert.Equal((family, header.IdCode, header.Checksum), (dat.Family, dat.IdCode, dat.Checksum));
        Assert.Equal(spi, dat.Blocks.Single(b => b.Id == DatBlockId.Datastream).Data);
        Assert.Equal(spi.Length / 16 + EraseComponent.Blocks, dat.ComponentBlocks.Sum());
        Assert.Equal(EraseComponent.For(spi), dat.Blocks.Single(b => b.Id == DatBlockId.EraseDatastream).Data);
    }

    [Fact]
    public void A_uek1_update_is_encrypted_with_the_effective_uek1_and_passkeys_are_exported_only_when_asked()
    {
        Data("M2S010");
        var uek1 = new string('5', 64);
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = uek1 });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", EnablePasskeyExport = true });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U1B", Type = "UEK1" });
        var spi = File.ReadAllBytes(Export("U1", ["SPI"])[0]);
        var fabric = BitstreamFormat.Read(spi).Components.Single(c => c.Type == ComponentType.Fabric);
        Assert.Equal(_fabric, BitstreamFormat.Open(spi, fabric.Offset, Convert.FromHexString(uek1)));
        Assert.Contains(DatFile.Read(File.ReadAllBytes(Export("U1", ["DAT"])[0]), "x").Blocks, b => b.Id == DatBlockId.Upk1);
        Assert.DoesNotContain(DatFile.Read(File.ReadAllBytes(Export("U1B", ["DAT"], "out/c")[0]), "x").Blocks, b => b.Id == DatBlockId.Upk1);
    }

    [Fact]
    public void A_master_bitstream_carries_the_security_component_first()
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        var spi = File.ReadAllBytes(Export("M", ["SPI"])[0]);
        Assert.Equal([ComponentType.Keys, ComponentType.Fabric, ComponentType.G4Envm], BitstreamFormat.Read(spi).Components.Select(c => c.Type));
    }

    [Fact]
    public void Replacing_a_file_warns_and_the_same_state_gives_the_same_bytes()
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var first = File.ReadAllBytes(Export("TF", ["SPI"])[0]);
        var again = File.ReadAllBytes(Export("TF", ["SPI"])[0]);
        Assert.Equal(first, again);
        Assert.Equal([$"Replacing the existing file '{Folder.Combine("out", "b.spi")}'."], _warnings);
    }

    [Theory]
    [InlineData("STAPL", "0011", "out/b", "dsn: Invalid argument value: '0011' (expecting a device serial number of 32 hexadecimal digits).")]
    [InlineData("DAT", "00112233445566778899AABBCCDDEEFF", "out/b", "-dsn makes a per-device update file of the HSM flow, where the U-HSM derives the device's keys; Programming Data 'PD' is in the non-HSM flow.")]
    [InlineData("DAT", null, "out/b.dat", "export_path: Invalid argument value: 'out/b.dat' (expecting a path without extension: each format adds its own).")]
    [InlineData("DAT", null, "out/", "export_path: Invalid argument value: 'out/' (expecting a file path without extension, such as '<folder>/board'; this names a folder).")]
    public void Refusals_write_nothing(string format, string? dsn, string path, string message)
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var error = Assert.Throws<DomainException>(() => Export("TF", ["DAT", format], path, dsn));
        Assert.Equal(message, error.Message);
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }

    [Fact]
    public void An_export_path_that_names_an_existing_folder_is_refused_and_nothing_is_written_into_it()
    {
        Data("M2S010");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        Directory.CreateDirectory(Folder.Combine("out"));
        var error = Assert.Throws<DomainException>(() => Export("TF", ["DAT"], "out"));
        Assert.Equal("export_path: Invalid argument value: 'out' (expecting a file path without extension, such as '<folder>/board'; this names a folder).", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Folder.Combine("out")));
        Assert.False(File.Exists(Folder.Combine("out.dat")));
    }

    [Fact]
    public void An_unknown_bitstream_and_a_missing_key_are_named()
    {
        Data("M2S010");
        Assert.Equal("Programming Data 'PD' has no bitstream 'X' (its bitstreams: none; define one with init_bitstream).",
            Assert.Throws<DomainException>(() => Export("X", ["DAT"])).Message);
    }
}
