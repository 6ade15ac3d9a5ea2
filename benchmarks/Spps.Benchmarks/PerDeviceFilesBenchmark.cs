using System.Diagnostics;
using System.Globalization;
using Spps.JobManager.ProgrammingData;

namespace Spps.Benchmarks;

/// <summary>
/// Per-device UEK1 update files (UNIQUE_KEY, HSM flow, embedded U-HSM, <c>export_bitstream_file -dsn</c>) for 1,000 DSNs
/// of the smallest die, beside plain writes of the same files.
/// </summary>
internal static class PerDeviceFilesBenchmark
{
    private const int Devices = 1000;

    public static void Run()
    {
        using var project = new BenchmarkProject("dsn");
        project.UseEmbeddedHsm("ks");
        var service = project.Services.ProgrammingData;
        service.NewProgData("PD", project.WriteJdc(BenchmarkProject.Smallest), "ks", project.Folder, _ => { });
        service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        var output = Path.Combine(project.Folder, "per-device");
        var files = new List<string>();
        var export = Stopwatch.StartNew();
        for (var device = 0; device < Devices; device++)
        {
            var dsn = device.ToString("X32", CultureInfo.InvariantCulture);
            files.AddRange(project.Services.Bitstreams.ExportBitstream("PD", "U1", ["SPI"], Path.Combine(output, dsn), dsn, project.Folder, _ => { }, _ => { }));
        }

        export.Stop();
        var contents = files.Select(File.ReadAllBytes).ToList();
        var bytes = contents.Sum(content => (long)content.Length);
        var write = Stopwatch.StartNew();
        for (var i = 0; i < contents.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(output, $"plain{i}.bin"), contents[i]);
        }

        write.Stop();
        Console.WriteLine($"export_bitstream_file -dsn, {Devices} per-device UEK1 files of {BenchmarkProject.Smallest.Name} ({bytes / 1e6:F0} MB): " +
                          $"{Devices / export.Elapsed.TotalSeconds:F0} files/s; plain writes {Devices / write.Elapsed.TotalSeconds:F0} files/s; ratio {write.Elapsed / export.Elapsed:P0}");
    }
}
