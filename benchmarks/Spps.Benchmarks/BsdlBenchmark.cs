using System.Diagnostics;
using System.Text;
using Spps.Formats.Bsdl;

namespace Spps.Benchmarks;

/// <summary>BSDL parsing of the sample files (../shared/samples/bsdl, when present) beside decoding the same bytes as text.</summary>
internal static class BsdlBenchmark
{
    private const int Rounds = 200;

    public static void Run()
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "samples", "bsdl"));
        if (!Directory.Exists(folder))
        {
            Console.WriteLine($"BSDL parsing: skipped, the sample folder {folder} is not present.");
            return;
        }

        var files = Directory.GetFiles(folder).Select(path => (Path: path, Bytes: File.ReadAllBytes(path))).ToList();
        var bytes = files.Sum(file => (long)file.Bytes.Length) * Rounds;
        files.ForEach(file => BsdlFile.Read(file.Bytes, file.Path)); // warm-up
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            files.ForEach(file => BsdlFile.Read(file.Bytes, file.Path));
        }

        var parse = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var characters = 0L;
        for (var round = 0; round < Rounds; round++)
        {
            files.ForEach(file => characters += Encoding.Latin1.GetString(file.Bytes).Length);
        }

        var decode = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"BSDL parsing, {files.Count} sample files x {Rounds}: {bytes / parse / 1e6:F1} MB/s; text decoding ceiling {characters / decode / 1e6:F0} MB/s; " +
                          $"ratio {decode / parse:P0}");
    }
}
