using Spps.Formats.CommandLines;
using Spps.Formats.Files;
using Spps.Formats.Production;
using Spps.Silicon.Benches;
using Spps.Workspace.Storage;

namespace Spps.Cli.Bench;

/// <summary>
/// <c>spps-bench</c>: makes device factories and benches of boards of virtual devices, and shows them. Exit codes:
/// 0 success, 2 wrong arguments or a bench, folder or file that cannot be used (the message names it; nothing changed).
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        Usage:
          spps-bench factory --out FILE
          spps-bench create  --bench DIR --chain SPEC --boards N [--seed S] [--factory FILE]
          spps-bench show    --bench DIR [--board N] [--json]

        A bench is a folder of N boards of virtual devices, each board with the same JTAG chain. SPEC lists the chain
        from TDI, comma-separated: a Microchip die name (M2S025, MPF300T, …) or bsdl:PATH for another maker's device
        (its BSDL file gives its IDCODE and IR length; it stays in BYPASS). Each Microchip device gets its own DSN,
        derived from --seed S when given, so a bench can be made again the same. Devices are made by the factory of
        --factory FILE, or by the published development factory, which offers no security. 'factory' makes a private
        factory: its seed goes to FILE (mode 0600), and its id is printed. 'show' prints every device's state (never
        a key value). See docs/silicon.md and docs/formats/bench.md.
        """;

    private const string DevelopmentWarning =
        "Warning: the devices are made by the development factory, whose seed is published: anyone can derive their factory keys, so production protects nothing. " +
        "For real use, make a private factory ('spps-bench factory --out FILE') and create benches with '--factory FILE'.";

    private static readonly SubcommandProgram _program = new("spps-bench", Usage,
    [
        new("factory", Factory, ["--out"], []),
        new("create", Create, ["--bench", "--chain", "--boards", "--seed", "--factory"], []),
        new("show", Show, ["--bench", "--board"], ["--json"]),
    ]);

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await _program.RunAsync(args, Console.Out).ConfigureAwait(false);
        }
        catch (Exception error) when (error is UsageException or BenchException or ProductionFormatException)
        {
            await Console.Error.WriteLineAsync($"spps-bench: {error.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    // Bench files are replaced whole through the workspace's atomic writer, readable by their owner only.
    private static void Replace(string path, byte[] content) => AtomicFile.WriteAllBytes(path, content, FileVisibility.OwnerOnly);

    private static void Factory(CommandLine line)
    {
        var output = Path.GetFullPath(line.Required("--out"));
        if (File.Exists(output) || Directory.Exists(output))
        {
            throw new UsageException($"--out '{output}' already exists; a factory file is never overwritten.");
        }

        using var factory = DeviceFactory.Create();
        var problem = OutputPath.TryWrite(output, OutputKind.File, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            DeviceFactoryFile.Write(factory, output);
        });
        if (problem is not null)
        {
            throw new UsageException($"--out '{output}' cannot be written: {problem}.");
        }

        Console.Out.WriteLine($"Created device factory {factory.Id}; its seed is in '{output}' (mode 0600).");
        Console.Out.WriteLine("Keep that file secret: whoever holds it can derive every device's factory key. Make benches of it with 'spps-bench create --factory FILE'.");
    }

    private static void Create(CommandLine line)
    {
        // Every argument is checked before anything is made, so a bad one leaves nothing behind.
        var folder = line.Required("--bench");
        var chain = ChainSpec.Parse(line.Required("--chain"));
        var boards = line.PositiveInteger("--boards") ?? throw new UsageException("--boards is required.");
        var seed = line.Integer("--seed");
        using var factory = line.Optional("--factory") is { } path ? DeviceFactoryFile.Read(path) : DeviceFactory.Development();
        using var bench = Spps.Silicon.Benches.Bench.Create(folder, chain, boards, factory, seed, Replace);
        Console.Out.WriteLine($"Created bench '{bench.Folder}': {boards} board{(boards == 1 ? string.Empty : "s")}, each with the chain from TDI {BenchReport.Chain(bench.Chain)}.");
        Console.Out.WriteLine($"factory: {bench.FactoryDescription}");
        if (bench.IsDevelopmentFactory)
        {
            Console.Out.WriteLine(DevelopmentWarning);
        }
    }

    private static void Show(CommandLine line)
    {
        using var bench = Spps.Silicon.Benches.Bench.Open(Path.GetFullPath(line.Required("--bench")), Replace);
        var boards = line.PositiveInteger("--board") is { } number ? [number] : Enumerable.Range(1, bench.BoardCount).ToArray();
        var shown = boards.Select(board => (board, bench.ReadBoard(board))).ToList();
        Console.Out.Write(line.Has("--json") ? BenchReport.Json(bench, shown) : BenchReport.Text(bench, shown, DevelopmentWarning));
    }
}
