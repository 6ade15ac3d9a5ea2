using Spps.JobManager.ProgrammingData;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary><c>export_bitstream_file</c> of the largest die's TRUSTED_FACILITY bitstream as DAT, SPI and STAPL, each beside a plain write of the same bytes.</summary>
internal static class BitstreamExportBenchmark
{
    public static void Run()
    {
        using var project = new BenchmarkProject("export");
        var service = project.Services.ProgrammingData;
        service.NewProgData("PD", project.WriteJdc(BenchmarkProject.Largest), null, project.Folder, _ => { });
        service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        foreach (var (format, goal) in new[] { ("DAT", "50%"), ("SPI", "50%"), ("STAPL", "25%") })
        {
            var output = Path.Combine(project.Folder, "export", "largest");
            var export = Best(_ => project.Services.Bitstreams.ExportBitstream("PD", "TF", [format], output, null, project.Folder, _ => { }, _ => { }));
            var file = output + (format == "STAPL" ? ".stp" : "." + format.ToLowerInvariant());
            var content = File.ReadAllBytes(file);
            var write = Best(round => File.WriteAllBytes(Path.Combine(project.Folder, $"plain{round + 1}.bin"), content));
            Console.WriteLine($"export_bitstream_file {format}, {BenchmarkProject.Largest.Name} ({content.Length / 1e6:F1} MB): {Rate(content.Length, export)}; " +
                              $"plain write ceiling {Rate(content.Length, write)}; ratio {write / export:P0} (goal {goal})");
        }
    }
}
