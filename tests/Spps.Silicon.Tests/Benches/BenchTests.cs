using Spps.Devices;
using Spps.Formats.Production;
using Spps.Silicon.Benches;

namespace Spps.Silicon.Tests.Benches;

public class BenchTests
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_bench_has_every_board_with_the_chain_each_Microchip_device_with_its_own_DSN()
    {
        using var test = new TestBench();
        using var bench = test.Create($"M2S010,bsdl:{test.BsdlFile()},MPF300T", boards: 3);

        Assert.Equal(3, bench.BoardCount);
        Assert.Equal(Devices.Factory.Id, bench.FactoryId);
        Assert.False(bench.IsDevelopmentFactory);
        var dsns = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            using var board = bench.OpenBoard(number, _wait);
            Assert.Equal(["M2S010", "HK_PART", "MPF300"], board.Devices.Select(device => device.Entry.Name));
            Assert.Equal([8, 6, 8], board.Devices.Select(device => device.Entry.IrLength));
            Assert.Equal(0x15A5A0ABu, board.Devices[1].Entry.IdCode);
            Assert.Null(board.Devices[1].Device);
            var mpf = board.Devices[2].Device!;
            Assert.Equal(DeviceCatalog.Find("MPF300T").Die.IdCode, mpf.Certificate.IdCode);
            mpf.Certificate.Verify(Devices.Factory.CaPublicKey, "the test");
            dsns.AddRange(board.Devices.Where(device => device.Device is not null).Select(device => device.Device!.State.Dsn));
        }

        Assert.Equal(6, dsns.Distinct().Count());
    }

    [Fact]
    public void The_development_factory_is_labelled()
    {
        using var test = new TestBench();
        using var factory = DeviceFactory.Development();
        using var bench = test.Create(boards: 1, factory: factory);

        Assert.True(bench.IsDevelopmentFactory);
        Assert.Contains(DeviceFactory.DevelopmentLabel, bench.FactoryDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_makes_the_same_DSNs_and_another_seed_others()
    {
        string[] Dsns(long seed)
        {
            using var test = new TestBench();
            using var bench = test.Create(seed: seed);
            return [.. Enumerable.Range(1, 2).SelectMany(bench.ReadBoard).Select(device => device.Device!.State.Dsn)];
        }

        Assert.Equal(Dsns(7), Dsns(7));
        Assert.Empty(Dsns(7).Intersect(Dsns(8)));
    }

    [Fact]
    public void What_a_device_becomes_is_there_when_the_board_is_opened_again()
    {
        using var test = new TestBench();
        DeviceChallenge challenge;
        using (var bench = test.Create())
        using (var board = bench.OpenBoard(2, _wait))
        {
            challenge = board.Devices[0].Device!.Challenge();
            board.Devices[0].Device!.DeviceInfo();
            board.Save();
        }

        using var reopened = test.Open();
        using var again = reopened.OpenBoard(2, _wait);
        var device = again.Devices[0].Device!;
        Assert.Equal(challenge.ToBytes(), device.State.Challenge);
        Assert.NotNull(device.Secrets.ChallengePrivateKey);
        Assert.StartsWith("DEVICE_INFO: 0", device.State.LastResult, StringComparison.Ordinal);
        Assert.Null(reopened.ReadBoard(1)[0].Device!.State.Challenge);
    }

    [Fact]
    public void A_device_programmed_on_a_board_keeps_its_design_and_user_keys_when_the_bench_is_opened_again()
    {
        using var files = new ExportedFiles("M2S010");
        var master = files.Export("MASTER");
        using var test = new TestBench();
        using (var bench = test.Create("M2S010", boards: 1))
        using (var board = bench.OpenBoard(1, _wait))
        {
            Assert.Equal(SiliconCodes.Success, board.Devices[0].Device!.Program(master.Bitstream).Code);
            board.Save();
        }

        using var reopened = test.Open();
        using var again = reopened.OpenBoard(1, _wait);
        var device = again.Devices[0].Device!;
        Assert.NotNull(device.State.DesignName);
        Assert.Equal(1, device.State.Cycles);
        Assert.True(device.State.FactoryModesDisabled);
        Assert.NotEmpty(device.State.UserKeys);
        Assert.Equal(device.State.UserKeys.Order(StringComparer.Ordinal), device.Secrets.UserKeys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SiliconCodes.Success, device.VerifyDigest(master.Bitstream).Code);
        Assert.Equal(SiliconCodes.ProgrammingDisabled, device.Program(files.Export("TRUSTED_FACILITY").Bitstream).Code);
    }

    [Fact]
    public async Task Two_holders_of_one_board_never_lose_each_others_writes()
    {
        using var test = new TestBench();
        using (test.Create(boards: 1))
        {
        }

        const int Rounds = 15;
        var holders = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            using var bench = test.Open();
            for (var round = 0; round < Rounds; round++)
            {
                using var board = bench.OpenBoard(1, _wait);
                board.Devices[0].Device!.State.Cycles++;
                board.Save();
            }
        })).ToArray();
        await Task.WhenAll(holders);

        using var after = test.Open();
        Assert.Equal(2 * Rounds, after.ReadBoard(1)[0].Device!.State.Cycles);
    }

    [Fact]
    public void A_device_s_debug_unlock_is_kept_by_the_board_and_a_version_1_board_reads_as_never_unlocked()
    {
        using var test = new TestBench();
        using (var bench = test.Create())
        {
            using var board = bench.OpenBoard(1, _wait);
            board.Devices[0].Device!.State.DebugUnlocked = true;
            board.Save();
        }

        var path = Path.Combine(test.BenchFolder, "board-1.json");
        var saved = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(path))!;
        Assert.Equal(2, saved["version"]!.GetValue<int>());
        Assert.True(saved["devices"]![0]!["state"]!["debugUnlocked"]!.GetValue<bool>());
        using (var bench = test.Open())
        {
            Assert.True(bench.ReadBoard(1)[0].Device!.State.DebugUnlocked);
        }

        // Version 1 had no debug state: its devices read locked, whatever the file says.
        saved["version"] = 1;
        File.WriteAllText(path, saved.ToJsonString());
        using (var bench = test.Open())
        {
            Assert.False(bench.ReadBoard(1)[0].Device!.State.DebugUnlocked);
        }

        saved["version"] = 3;
        File.WriteAllText(path, saved.ToJsonString());
        using var newer = test.Open();
        Assert.Contains("its version 3 is not 1 or 2", Assert.Throws<BenchException>(() => newer.ReadBoard(1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_board_is_refused_to_another_holder_once_the_wait_is_over()
    {
        using var test = new TestBench();
        using var bench = test.Create(boards: 1);
        using var held = bench.OpenBoard(1, _wait);

        var error = Assert.Throws<BenchException>(() => bench.OpenBoard(1, TimeSpan.Zero));
        Assert.Contains("Board 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_device_key_is_in_clear_in_any_bench_file()
    {
        using var test = new TestBench();
        var secrets = new List<byte[]>();
        using (var bench = test.Create())
        {
            for (var number = 1; number <= 2; number++)
            {
                using var board = bench.OpenBoard(number, _wait);
                foreach (var device in board.Devices.Select(device => device.Device!))
                {
                    device.Secrets.UserKeys["UEK1"] = Enumerable.Range(number, KeyNames.KeyBytes).Select(i => (byte)(i * 7)).ToArray();
                    device.Secrets.UserKeys["DPK"] = Enumerable.Range(number, KeyNames.KeyBytes).Select(i => (byte)(i * 11)).ToArray();
                    device.Challenge();
                    device.State.DebugUnlocked = true;
                    secrets.AddRange([device.Secrets.FactoryKey, device.Secrets.FactoryPrivateKey, device.Secrets.UserPrivateKey,
                        device.Secrets.ChallengePrivateKey!, device.Secrets.UserKeys["UEK1"], device.Secrets.UserKeys["DPK"]]);
                }

                board.Save();
            }
        }

        var files = test.Files();
        Assert.Contains(files.Keys, path => path.EndsWith("board-2.json", StringComparison.Ordinal));
        foreach (var path in files.Keys.Where(path => !path.EndsWith(".key", StringComparison.Ordinal)))
        {
            secrets.ForEach(secret => SecretScan.AssertAbsent(secret, path));
        }
    }

    [Fact]
    public void A_device_given_the_secrets_of_another_is_refused()
    {
        using var test = new TestBench();
        using (test.Create())
        {
        }

        // Board 2's file, renamed as board 1's but for its number: the sealed secrets name board 2.
        var board1 = test.Folder.Combine("bench", "board-1.json");
        var board2 = File.ReadAllText(test.Folder.Combine("bench", "board-2.json"));
        File.WriteAllText(board1, board2.Replace("\"board\": 2", "\"board\": 1", StringComparison.Ordinal));

        using var bench = test.Open();
        var error = Assert.Throws<BenchException>(() => bench.ReadBoard(1));
        Assert.Contains("do not open under the bench's key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void A_board_not_on_the_bench_is_refused_naming_it_and_the_boards_there_are(int number)
    {
        using var test = new TestBench();
        using var bench = test.Create();

        var error = Assert.Throws<BenchException>(() => bench.OpenBoard(number, _wait));
        Assert.Equal($"Board {number} is not on the bench '{test.BenchFolder}': its boards are 1 to 2.", error.Message);
    }

    [Fact]
    public void An_existing_folder_is_never_made_a_bench()
    {
        using var test = new TestBench();
        Directory.CreateDirectory(test.BenchFolder);

        var error = Assert.Throws<BenchException>(() => test.Create());
        Assert.Contains($"'{test.BenchFolder}' already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal([test.BenchFolder], Directory.EnumerateFileSystemEntries(test.Folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_folder_that_is_not_a_bench_is_refused_naming_it()
    {
        using var test = new TestBench();
        var error = Assert.Throws<BenchException>(() => Bench.Open(test.Folder.Path, TestBench.Replace));
        Assert.Contains($"'{test.Folder.Path}' is not a bench", error.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<BenchException>(() => test.Open());
        Assert.Contains($"'{test.BenchFolder}' does not exist", missing.Message, StringComparison.Ordinal);
    }
}
