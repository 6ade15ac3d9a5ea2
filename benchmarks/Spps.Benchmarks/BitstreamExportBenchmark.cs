using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Storage;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary>
/// <c>export_bitstream_file</c> of the largest die's TRUSTED_FACILITY bitstream as DAT, SPI and STAPL, each beside a plain
/// write of the same bytes (the goal's ceiling) and a durable write of them (staged, flushed to disk, renamed: what an
/// export does so that it survives a crash, and which a plain write, leaving the bytes in the page cache, does not).
/// </summary>
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
            var durable = Best(round => AtomicFile.WriteAllBytes(Path.Combine(project.Folder, $"durable{round + 1}.bin"), content));
            Console.WriteLine($"export_bitstream_file {format}, {BenchmarkProject.Largest.Name} ({content.Length / 1e6:F1} MB): {Rate(content.Length, export)}; " +
                              $"plain write ceiling {Rate(content.Length, write)}; ratio {write / export:P0} (goal {goal}); " +
                              $"durable write {Rate(content.Length, durable)}, ratio {durable / export:P0}");
        }
    }
}
