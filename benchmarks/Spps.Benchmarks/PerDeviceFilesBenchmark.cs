using System.Diagnostics;
using System.Globalization;
using Spps.JobManager.ProgrammingData;

namespace Spps.Benchmarks;

/// <summary>
/// Per-device UEK1 update files (UNIQUE_KEY, HSM flow, embedded U-HSM, <c>export_bitstream_file -dsn</c>) for 1,000 DSNs
/// of the smallest die, beside plain writes of the same files (the goal's ceiling, which leaves the bytes in the page
/// cache) and two floors a durable file cannot go below: each file written and flushed to disk, and written, flushed and
/// renamed into place. The work is done in rounds, each of its own devices, taken in turn so all four meet the same load.
/// </summary>
internal static class PerDeviceFilesBenchmark
{
    private const int Devices = 1000;
    private const int Rounds = 4;

    public static void Run()
    {
        using var project = new BenchmarkProject("dsn");
        project.UseEmbeddedHsm("ks");
        var service = project.Services.ProgrammingData;
        service.NewProgData("PD", project.WriteJdc(BenchmarkProject.Smallest), "ks", project.Folder, _ => { });
        service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        var output = Path.Combine(project.Folder, "per-device");
        var (export, plain, flushed, renamed) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        long bytes = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var devices = Enumerable.Range(round * Devices / Rounds, Devices / Rounds).ToList();
            var files = new List<string>();
            export.Start();
            foreach (var device in devices)
            {
                var dsn = device.ToString("X32", CultureInfo.InvariantCulture);
                files.AddRange(project.Services.Bitstreams.ExportBitstream("PD", "U1", ["SPI"], Path.Combine(output, dsn), dsn, project.Folder, _ => { }, _ => { }));
            }

            export.Stop();
            var contents = files.Select(File.ReadAllBytes).ToList();
            bytes += contents.Sum(content => (long)content.Length);
            Time(plain, contents, (content, i) => File.WriteAllBytes(Path.Combine(output, $"plain{round}-{i}.bin"), content));
            Time(flushed, contents, (content, i) => WriteFlushed(Path.Combine(output, $"flushed{round}-{i}.bin"), content));
            Time(renamed, contents, (content, i) =>
            {
                var staged = Path.Combine(output, $".renamed{round}-{i}.tmp");
                WriteFlushed(staged, content);
                File.Move(staged, Path.Combine(output, $"renamed{round}-{i}.bin"));
            });
        }

        Console.WriteLine($"export_bitstream_file -dsn, {Devices} per-device UEK1 files of {BenchmarkProject.Smallest.Name} ({bytes / 1e6:F0} MB): " +
                          $"{Rate(export)}; plain writes {Rate(plain)}; ratio {plain.Elapsed / export.Elapsed:P0} (goal 50%); " +
                          $"floors: written and flushed {Rate(flushed)}, ratio {flushed.Elapsed / export.Elapsed:P0}; " +
                          $"written, flushed and renamed {Rate(renamed)}, ratio {renamed.Elapsed / export.Elapsed:P0}");
    }

    private static void Time(Stopwatch clock, List<byte[]> contents, Action<byte[], int> write)
    {
        clock.Start();
        for (var i = 0; i < contents.Count; i++)
        {
            write(contents[i], i);
        }

        clock.Stop();
    }

    private static void WriteFlushed(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static string Rate(Stopwatch clock) => $"{Devices / clock.Elapsed.TotalSeconds:F0} files/s";
}
