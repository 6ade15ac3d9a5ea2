using Spps.Silicon.Benches;

namespace Spps.Silicon.Tests.Benches;

/// <summary>Mutated bench and board files give the bench or a <see cref="BenchException"/> naming the file, nothing else.</summary>
public sealed class BenchFileFuzzTests : IDisposable
{
    private readonly TestBench _test = new();

    public BenchFileFuzzTests()
    {
        using var bench = _test.Create($"M2S010,bsdl:{_test.BsdlFile()},MPF300T", boards: 1);
        using var board = bench.OpenBoard(1, TimeSpan.Zero);
        var device = board.Devices[0].Device!;
        device.Challenge();
        device.Secrets.UserKeys["UEK1"] = new byte[32];
        device.State.UserKeys = ["UEK1"];
        device.State.Components["FABRIC"] = new string('A', 64);
        board.Save();
    }

    public void Dispose() => _test.Dispose();

    [Fact]
    public void Mutated_board_files_give_only_the_bench_error()
    {
        var path = _test.Folder.Combine("bench", "board-1.json");
        using var bench = _test.Open();
        Fuzzer.Run(new FuzzTarget("board file", [File.ReadAllBytes(path)], (bytes, source) =>
        {
            File.WriteAllBytes(path, bytes);
            Assert.Equal(3, bench.ReadBoard(1).Count);
        }, error => error is BenchException)
        {
            Source = path,
            StructuredMutations = [JsonMutations.Mutation],
        }, seed: 1601, count: 300);
    }

    [Fact]
    public void Mutated_bench_files_give_only_the_bench_error()
    {
        var path = _test.Folder.Combine("bench", "bench.json");
        Fuzzer.Run(new FuzzTarget("bench file", [File.ReadAllBytes(path)], (bytes, source) =>
        {
            File.WriteAllBytes(path, bytes);
            using var bench = _test.Open();
        }, error => error is BenchException)
        {
            Source = path,
            StructuredMutations = [JsonMutations.Mutation],
        }, seed: 1602, count: 300);
    }
}
