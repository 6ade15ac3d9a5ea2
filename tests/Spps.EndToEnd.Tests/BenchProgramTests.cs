using System.Text.Json;
using System.Text.RegularExpressions;
using Spps.Formats.Production;
using Spps.Silicon.Benches;

namespace Spps.EndToEnd.Tests;

public sealed class BenchProgramTests : EndToEndTest
{
    private const string Bsdl =
        "entity HK_PART is\r\n" +
        "  attribute INSTRUCTION_LENGTH of HK_PART : entity is 6;\r\n" +
        "  attribute INSTRUCTION_OPCODE of HK_PART : entity is \"IDCODE (000010),\" & \"BYPASS (111111)\";\r\n" +
        "  attribute IDCODE_REGISTER of HK_PART : entity is \"0001\" & \"0101101001011010\" & \"00001010101\" & \"1\";\r\n" +
        "end HK_PART;\r\n";

    private string BsdlFile()
    {
        var path = Work("part.bsd");
        File.WriteAllText(path, Bsdl);
        return path;
    }

    [Fact]
    public void The_launcher_creates_a_bench_of_the_development_factory_and_shows_every_device()
    {
        var bench = Work("bench");
        var create = BenchProgram.RunLauncher("create", "--bench", bench, "--chain", $"M2S010,bsdl:{BsdlFile()},MPF300T", "--boards", "2", "--seed", "3");
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains($"Created bench '{bench}': 2 boards, each with the chain from TDI M2S010, HK_PART (BYPASS, IDCODE 15A5A0AB, IR length 6), MPF300.", create.Stdout);
        Assert.Contains($"factory: {DevelopmentFactoryId} ({DeviceFactory.DevelopmentLabel})\n", create.Stdout);
        Assert.Contains("\nWarning: the devices are made by the development factory", create.Stdout);

        var show = BenchProgram.RunLauncher("show", "--bench", bench);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("\nBoard 1\n  1. M2S010\n     IDCODE = 0F8031CF (M2S010)\n", show.Stdout);
        Assert.Contains("\nBoard 2\n", show.Stdout);
        Assert.Contains("  2. HK_PART: another maker's device in BYPASS, IDCODE 15A5A0AB, IR length 6\n", show.Stdout);
        Assert.Contains("     Design = none\n     User keys = none\n", show.Stdout);
        Assert.Contains("     Debug = open (the security policy does not lock it)\n", show.Stdout);
        Assert.Contains("\nWarning: the devices are made by the development factory", show.Stdout);

        Assert.Equal(2, BenchProgram.RunLauncher("show", "--bench", Work("missing")).ExitCode);
    }

    [Fact]
    public void Show_json_has_every_device_s_state_and_the_same_seed_makes_the_same_DSNs()
    {
        string[] Dsns(string name, string seed)
        {
            Assert.Equal(0, BenchProgram.Run("create", "--bench", Work(name), "--chain", "M2S010,MPF300T", "--boards", "2", "--seed", seed).ExitCode);
            var show = BenchProgram.Run("show", "--bench", Work(name), "--json");
            Assert.True(show.ExitCode == 0, show.Stderr);
            using var json = JsonDocument.Parse(show.Stdout);
            var root = json.RootElement;
            Assert.True(root.GetProperty("development_factory").GetBoolean());
            Assert.Equal(2, root.GetProperty("boards").GetArrayLength());
            var first = root.GetProperty("boards")[0].GetProperty("devices")[0];
            Assert.Equal(("M2S010", "0F8031CF", 0, false), (first.GetProperty("name").GetString(), first.GetProperty("idcode").GetString(),
                first.GetProperty("cycles").GetInt32(), first.GetProperty("factory_key_modes_disabled").GetBoolean()));
            Assert.Equal(JsonValueKind.Null, first.GetProperty("design").ValueKind);
            Assert.Equal("open", first.GetProperty("debug").GetString());
            return [.. root.GetProperty("boards").EnumerateArray().SelectMany(board => board.GetProperty("devices").EnumerateArray()).Select(device => device.GetProperty("dsn").GetString()!)];
        }

        var first = Dsns("a", "11");
        Assert.Equal(4, first.Distinct().Count());
        Assert.Equal(first, Dsns("b", "11"));
        Assert.Empty(first.Intersect(Dsns("c", "12")));

        var one = BenchProgram.Run("show", "--bench", Work("a"), "--board", "2", "--json");
        using var board = JsonDocument.Parse(one.Stdout);
        Assert.Equal(2, Assert.Single(board.RootElement.GetProperty("boards").EnumerateArray()).GetProperty("board").GetInt32());
    }

    [Fact]
    public void A_private_factory_s_file_is_owner_only_never_overwritten_and_its_benches_are_not_labelled()
    {
        var file = Work("factories", "factory.json");
        var factory = BenchProgram.Run("factory", "--out", file);
        Assert.True(factory.ExitCode == 0, factory.Stderr);
        var id = Regex.Match(factory.Stdout, "Created device factory ([0-9a-f]{64})").Groups[1].Value;
        Assert.NotEmpty(id);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var before = File.ReadAllBytes(file);
        var again = BenchProgram.Run("factory", "--out", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"--out '{file}' already exists", again.Stderr);
        Assert.Equal(before, File.ReadAllBytes(file));

        var create = BenchProgram.Run("create", "--bench", Work("bench"), "--chain", "M2S025", "--boards", "1", "--factory", file);
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains($"factory: {id}\n", create.Stdout);
        Assert.DoesNotContain("Warning", create.Stdout, StringComparison.Ordinal);
        var show = BenchProgram.Run("show", "--bench", Work("bench"), "--json");
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal((id, false), (json.RootElement.GetProperty("factory").GetString(), json.RootElement.GetProperty("development_factory").GetBoolean()));
    }

    [Fact]
    public void Show_never_prints_a_device_key()
    {
        var bench = Work("bench");
        Assert.Equal(0, BenchProgram.Run("create", "--bench", bench, "--chain", "M2S010,MPF300T", "--boards", "2").ExitCode);
        var shown = BenchProgram.Run("show", "--bench", bench).Stdout + BenchProgram.Run("show", "--bench", bench, "--json").Stdout;

        using var opened = Bench.Open(bench, (path, _) => throw new InvalidOperationException($"the test only reads, yet '{path}' was written"));
        foreach (var device in Enumerable.Range(1, 2).SelectMany(opened.ReadBoard).Select(device => device.Device!))
        {
            foreach (var secret in new[] { device.Secrets.FactoryKey, device.Secrets.FactoryPrivateKey, device.Secrets.UserPrivateKey })
            {
                SecretScan.AssertAbsentFromText(secret, shown, "spps-bench show");
            }
        }
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "unknown die", ["create", "--bench", "{work}/b", "--chain", "M2S010,MPF301T", "--boards", "2"], "unknown die 'MPF301T' (the closest are MPF300T" },
        { "empty device", ["create", "--bench", "{work}/b", "--chain", "M2S010,,M2S010", "--boards", "2"], "--chain 'M2S010,,M2S010' has an empty device" },
        { "boards zero", ["create", "--bench", "{work}/b", "--chain", "M2S010", "--boards", "0"], "--boards '0' is not a positive integer" },
        { "boards text", ["create", "--bench", "{work}/b", "--chain", "M2S010", "--boards", "two"], "--boards 'two' is not a positive integer" },
        { "boards negative", ["create", "--bench", "{work}/b", "--chain", "M2S010", "--boards", "-1"], "--boards '-1' is not a positive integer" },
        { "seed text", ["create", "--bench", "{work}/b", "--chain", "M2S010", "--boards", "1", "--seed", "x"], "--seed 'x' is not an integer" },
        { "existing folder", ["create", "--bench", "{work}", "--chain", "M2S010", "--boards", "1"], "--bench '{work}' already exists" },
        { "missing parent", ["create", "--bench", "{work}/no/b", "--chain", "M2S010", "--boards", "1"], "its parent folder '{work}/no' does not exist" },
        { "unreadable BSDL", ["create", "--bench", "{work}/b", "--chain", "bsdl:{work}/missing.bsd", "--boards", "1"], "the BSDL file '{work}/missing.bsd' cannot be read" },
        { "invalid BSDL", ["create", "--bench", "{work}/b", "--chain", "bsdl:{work}/invalid.bsd", "--boards", "1"], "the BSDL file '{work}/invalid.bsd' is not a valid BSDL file" },
        { "damaged factory", ["create", "--bench", "{work}/b", "--chain", "M2S010", "--boards", "1", "--factory", "{work}/invalid.bsd"], "The device factory file '{work}/invalid.bsd'" },
        { "missing chain", ["create", "--bench", "{work}/b", "--boards", "1"], "--chain is required." },
        { "unknown option", ["create", "--bench", "{work}/b", "--chains", "M2S010"], "unknown option '--chains'" },
        { "not a bench", ["show", "--bench", "{work}"], "The folder '{work}' is not a bench" },
        { "board out of range", ["show", "--bench", "{work}/bench", "--board", "3"], "Board 3 is not on the bench '{work}/bench': its boards are 1 to 2." },
        { "board zero", ["show", "--bench", "{work}/bench", "--board", "0"], "--board '0' is not a positive integer" },
        { "unknown command", ["make"], "unknown command 'make'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_naming_the_value_with_exit_2_and_nothing_is_created_or_changed(string what, string[] args, string message)
    {
        Assert.Equal(0, BenchProgram.Run("create", "--bench", Work("bench"), "--chain", "M2S010", "--boards", "2").ExitCode);
        File.WriteAllText(Work("invalid.bsd"), "entity X is\r\nend Y;\r\n");
        var before = Snapshot();

        var result = BenchProgram.Run([.. args.Select(arg => arg.Replace("{work}", Work(), StringComparison.Ordinal))]);

        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}, {result.Stderr}");
        Assert.Contains(message.Replace("{work}", Work(), StringComparison.Ordinal), result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("INTERNAL", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    private static string DevelopmentFactoryId
    {
        get
        {
            using var factory = DeviceFactory.Development();
            return factory.Id;
        }
    }

    // Every file under the working folder with its content, so a refused command is seen to change nothing.
    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Work(), "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, path => File.Exists(path) ? Convert.ToHexString(File.ReadAllBytes(path)) : "folder");
}
