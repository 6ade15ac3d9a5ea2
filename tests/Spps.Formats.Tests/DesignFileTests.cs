using System.IO.Compression;
using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;

namespace Spps.Formats.Tests;

public class DesignFileTests
{
    private static readonly DateTimeOffset _created = new(2026, 5, 6, 7, 8, 10, TimeSpan.Zero);

    private static DesignRequest Request(string device = "M2S010") => new()
    {
        Device = device,
        DesignName = "Top",
        DesignVersion = 3,
        BackLevel = 1,
        EnvmClients = [("IMEM", 4096, null), ("DATA", 1000, null)],
    };

    private static (DesignData Design, byte[] Fabric) Small(DesignRequest request) =>
        DesignGenerator.Generate(request with { Fabric = SeededBytes.Generate(request.Seed, "small-fabric", 5000) });

    private static DesignData RoundTrip(DesignData design, byte[] fabric) =>
        JdcFile.Read(new MemoryStream(JdcFile.ToBytes(design, fabric, "tests", _created)), "t.jdc");

    [Fact]
    public void A_jdc_round_trips_every_field()
    {
        var (design, fabric) = Small(Request() with { Policy = new SecurityPolicy { Uek2Enabled = true, EnvmUpdateProtected = true, DebugLocked = true } });
        var read = RoundTrip(design, fabric);
        Assert.Equal((design.Die, design.Package, design.DesignName, design.DesignVersion, design.BackLevel, design.DesignChecksum),
            (read.Die, read.Package, read.DesignName, read.DesignVersion, read.BackLevel, read.DesignChecksum));
        Assert.Equal(design.Policy, read.Policy);
        Assert.Equal(5000, read.FabricBytes);
        Assert.Equal(design.FabricSha256, read.FabricSha256);
        Assert.Equal(design.EnvmClients.Select(c => (c.Name, c.Address, c.Size, Convert.ToHexString(c.Content))),
            read.EnvmClients.Select(c => (c.Name, c.Address, c.Size, Convert.ToHexString(c.Content))));
        Assert.Equal(design.Keys.Keys.Order(), read.Keys.Keys.Order());
        Assert.All(design.Keys, pair => Assert.Equal(pair.Value, read.Keys[pair.Key]));
    }

    [Fact]
    public void The_fabric_streams_out_unchanged()
    {
        var (design, fabric) = Small(Request());
        var bytes = JdcFile.ToBytes(design, fabric, "tests", _created);
        var output = new MemoryStream();
        JdcFile.CopyFabric(new MemoryStream(bytes), "t.jdc", JdcFile.Read(new MemoryStream(bytes), "t.jdc"), output);
        Assert.Equal(fabric, output.ToArray());
    }

    [Fact]
    public void The_fabric_of_another_design_is_refused_before_any_of_it_is_copied()
    {
        var (design, fabric) = Small(Request());
        var read = JdcFile.Read(new MemoryStream(JdcFile.ToBytes(design, fabric, "tests", _created)), "t.jdc");
        var other = JdcFile.ToBytes(design, [.. fabric[..^1], (byte)(fabric[^1] ^ 1)], "tests", _created);
        var output = new MemoryStream();
        var error = Assert.Throws<ContainerException>(() => JdcFile.CopyFabric(new MemoryStream(other), "t.jdc", read, output));
        Assert.StartsWith($"'t.jdc' holds other fabric data than design '{design.DesignName}' ({fabric.Length} bytes of SHA-256 ", error.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var first = JdcFile.ToBytes(Small(Request()).Design, Small(Request()).Fabric, "tests", _created);
        var again = JdcFile.ToBytes(Small(Request()).Design, Small(Request()).Fabric, "tests", _created);
        Assert.Equal(first, again);
        Assert.NotEqual(Small(Request()).Design.Keys["UEK1"], Small(Request() with { Seed = 2 }).Design.Keys["UEK1"]);
    }

    [Theory]
    [InlineData("M2S010", 560_000)]
    [InlineData("MPFS025T", 2_800_000)]
    public void Generated_fabric_has_the_die_s_realistic_size(string device, int bytes) =>
        Assert.Equal(bytes, DesignGenerator.Generate(new DesignRequest { Device = device }).Fabric.Length);

    [Fact]
    public void Clients_are_laid_out_one_after_another()
    {
        var design = Small(Request("MPFS095T") with
        {
            EnvmClients = [("A", 300, null), ("B", 10, null)],
            SnvmClients = [("X", 600, SnvmClientKind.Plain, null), ("Y", 500, SnvmClientKind.Authenticated, null)],
        }).Design;
        Assert.Equal([0, 512], design.EnvmClients.Select(c => c.Address));
        Assert.Equal([0, 3], design.SnvmClients.Select(c => c.StartPage));
        Assert.Equal(3, design.SnvmClients[1].Pages); // 500 bytes in 236-byte authenticated pages
    }

    public static TheoryData<string, Func<DesignData, DesignData>, string> BrokenDesigns => new()
    {
        { "M2S010", d => d with { Package = " " }, "the package is empty" },
        { "M2S010", d => d with { DesignName = "my design" }, "the design name 'my design' is not 1 to 64 letters, digits and '_'" },
        { "M2S010", d => d with { DesignVersion = 70000 }, "design version 70000 and back level 1 must be 0 to 65535" },
        { "M2S010", d => d with { BackLevel = 4 }, "the back level 4 is above the design version 3" },
        { "M2S010", d => d with { EnvmClients = [d.EnvmClients[0] with { Address = 262000 }] }, "the eNVM client 'IMEM' (0x3FF70, 4096 bytes) does not fit in the 256 KB eNVM of M2S010" },
        { "M2S010", d => d with { EnvmClients = [d.EnvmClients[0], d.EnvmClients[1] with { Address = 100 }] }, "the eNVM clients 'IMEM' and 'DATA' overlap" },
        { "M2S010", d => d with { EnvmClients = [d.EnvmClients[0], d.EnvmClients[1] with { Name = "IMEM" }] }, "two eNVM clients are named 'IMEM'" },
        { "M2S010", d => d with { EnvmClients = [d.EnvmClients[0] with { Size = 10 }] }, "the eNVM client 'IMEM' has 4096 bytes of content for a size of 10" },
        { "M2S010", d => d with { SnvmClients = [new SnvmClient("S", 0, 10, SnvmClientKind.Plain, new byte[10])] }, "it has sNVM clients, but M2S010 has no sNVM" },
        { "MPF300T", d => d with { EnvmClients = [new EnvmClient("E", 0, 10, new byte[10])] }, "it has eNVM clients, but MPF300 has no eNVM" },
        { "MPF300T", d => d with { SnvmClients = [new SnvmClient("S", 220, 600, SnvmClientKind.Plain, new byte[600])] }, "the sNVM client 'S' (page 220, 600 bytes, 3 pages) does not fit in the 221 sNVM pages of MPF300" },
        { "M2S010", d => d with { Keys = new Dictionary<string, byte[]> { ["UEK3"] = new byte[32] } }, "UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not M2S010" },
        { "M2S010", d => d with { Keys = new Dictionary<string, byte[]> { ["KIP"] = new byte[32] } }, "'KIP' is not a user key (expecting UPK1, UEK1, UPK2, UEK2, DPK, UEK3)" },
        { "M2S010", d => d with { Keys = new Dictionary<string, byte[]> { ["UEK1"] = new byte[31] } }, "the key UEK1 has 31 bytes instead of 32" },
        { "M2S010", d => d with { Policy = new SecurityPolicy { Uek3Enabled = true } }, "the policy enables UEK3, which M2S010 does not have" },
        { "MPF300T", d => d with { EnvmClients = [], Policy = new SecurityPolicy { EnvmUpdateProtected = true } }, "the policy protects eNVM updates, but MPF300 has no eNVM" },
        { "M2S010", d => d with { Policy = new SecurityPolicy { SnvmUpdateProtected = true } }, "the policy protects sNVM updates, but M2S010 has no sNVM" },
    };

    [Theory]
    [MemberData(nameof(BrokenDesigns))]
    public void Every_design_rule_is_enforced_when_writing(string device, Func<DesignData, DesignData> breakIt, string problem)
    {
        var (design, fabric) = Small(Request(device) with { EnvmClients = device.StartsWith("MPF", StringComparison.Ordinal) ? [] : Request().EnvmClients });
        var error = Assert.Throws<ContainerException>(() => JdcFile.ToBytes(breakIt(design), fabric, "tests", _created));
        Assert.Equal($"The design cannot be written as a JDC: {problem}.", error.Message);
    }

    [Fact]
    public void A_reader_refuses_a_file_whose_design_breaks_a_rule()
    {
        var (design, fabric) = Small(Request());
        var bytes = JdcFile.ToBytes(design, fabric, "tests", _created);
        var tampered = new MemoryStream();
        tampered.Write(bytes);
        using (var zip = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            var manifest = zip.GetEntry("manifest.json")!;
            string text;
            using (var reader = new StreamReader(manifest.Open()))
            {
                text = reader.ReadToEnd();
            }

            manifest.Delete();
            var entry = zip.GetEntry("design.json")!;
            string json;
            using (var reader = new StreamReader(entry.Open()))
            {
                json = reader.ReadToEnd();
            }

            var broken = json.Replace("\"backLevel\": 1", "\"backLevel\": 9", StringComparison.Ordinal);
            entry.Delete();
            using (var writer = new StreamWriter(zip.CreateEntry("design.json").Open()))
            {
                writer.Write(broken);
            }

            var oldHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
            var newHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(broken)));
            using var manifestWriter = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            manifestWriter.Write(text.Replace(oldHash, newHash, StringComparison.Ordinal));
        }

        tampered.Position = 0;
        var error = Assert.Throws<ContainerException>(() => JdcFile.Read(tampered, "t.jdc"));
        Assert.Equal("'t.jdc' is not a valid JDC file: the back level 9 is above the design version 3.", error.Message);
    }

    // A part's JSON edited and the container rewritten with a matching manifest, as a forger or a careless tool would.
    private static byte[] WithPart(byte[] jdc, string part, string search, string replacement)
    {
        var container = ContainerFile.Read(new MemoryStream(jdc), "seed", JdcFile.Type, JdcFile.FormatVersion);
        var json = System.Text.Encoding.UTF8.GetString(container.Parts[part]);
        Assert.Contains(search, json, StringComparison.Ordinal);
        var parts = new Dictionary<string, byte[]>(container.Parts) { [part] = System.Text.Encoding.UTF8.GetBytes(json.Replace(search, replacement, StringComparison.Ordinal)) };
        return ContainerFile.ToBytes(container with { Parts = parts });
    }

    [Theory]
    [InlineData("keys.json", "\"UPK1\": \"", "\"UPK1\": null, \"x\": \"", "'t.jdc': the key UPK1 in keys.json is not 64 hexadecimal digits.")]
    [InlineData("design.json", "\"name\": \"IMEM\",", "", "'t.jdc': design.json has a memory client without a name.")]
    [InlineData("design.json", "\"envmClients\": [", "\"envmClients\": [null, ", "'t.jdc': design.json has a memory client without a name.")]
    [InlineData("design.json", "\"package\": \"VF400\"", "\"package\": null", "'t.jdc': design.json is not valid: ")]
    public void Null_or_missing_values_are_refused_as_a_bad_file(string part, string search, string replacement, string expected)
    {
        var (design, fabric) = Small(Request());
        var bytes = WithPart(JdcFile.ToBytes(design, fabric, "tests", _created), part, search, replacement);
        var error = Assert.Throws<ContainerException>(() => JdcFile.Read(new MemoryStream(bytes), "t.jdc"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_memory_client_kind_given_as_a_number_is_refused()
    {
        var (design, fabric) = Small(Request("MPFS095T") with { EnvmClients = [], SnvmClients = [("CAL", 100, SnvmClientKind.Plain, null)] });
        var bytes = WithPart(JdcFile.ToBytes(design, fabric, "tests", _created), "design.json", "\"kind\": \"plain\"", "\"kind\": 7");
        var error = Assert.Throws<ContainerException>(() => JdcFile.Read(new MemoryStream(bytes), "t.jdc"));
        Assert.StartsWith("'t.jdc': design.json is not valid: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_fabric_is_refused_by_its_hash()
    {
        var (design, fabric) = Small(Request());
        var bytes = JdcFile.ToBytes(design, fabric, "tests", _created);
        var copy = new MemoryStream();
        copy.Write(bytes);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("fabric.bin")!.Delete();
            using var writer = zip.CreateEntry("fabric.bin").Open();
            writer.Write(new byte[5000]);
        }

        copy.Position = 0;
        var error = Assert.Throws<ContainerException>(() => JdcFile.Read(copy, "t.jdc"));
        Assert.Contains("the part 'fabric.bin' does not match its SHA-256", error.Message);
    }

    [Fact]
    public void An_spm_round_trips_and_is_checked_against_its_die()
    {
        var overwrite = new SecurityOverwrite("M2S090", new SecurityPolicy { Uek3Enabled = true }, new Dictionary<string, byte[]> { ["UEK3"] = SeededBytes.Generate(1, "k", 32) });
        var read = SpmFile.Read(new MemoryStream(SpmFile.ToBytes(overwrite, "tests", _created)), "s.spm");
        Assert.Equal(overwrite.Policy, read.Policy);
        Assert.Equal(overwrite.Keys["UEK3"], read.Keys["UEK3"]);
        var error = Assert.Throws<ContainerException>(() => SpmFile.ToBytes(overwrite with { Die = "M2S010" }, "tests", _created));
        Assert.Equal("The security settings cannot be written as an SPM: UEK3 is only available for M2S060, M2GL060, M2S090, M2GL090, M2S150 and M2GL150, not M2S010.", error.Message);
    }

    [Fact]
    public void An_unknown_die_in_a_file_is_named_with_suggestions()
    {
        var (design, fabric) = Small(Request());
        var error = Assert.Throws<ContainerException>(() => JdcFile.ToBytes(design with { Die = "M2S011" }, fabric, "tests", _created));
        Assert.Contains("Unknown device 'M2S011'. The closest valid names are M2S010", error.Message);
    }
}
