using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary><c>export_prog_job</c> of a chain of four targets of the largest die, beside a plain write of the same bytes.</summary>
internal static class JobExportBenchmark
{
    private const int Targets = 4;

    public static void Run()
    {
        using var project = new BenchmarkProject("job");
        var folder = project.Folder;
        var programmingData = project.Services.ProgrammingData;
        programmingData.NewProgData("PD", project.WriteJdc(BenchmarkProject.Largest), null, folder, _ => { });
        programmingData.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var jobs = project.Services.Jobs;
        jobs.NewJob("Chain", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        for (var location = 1; location <= Targets; location++)
        {
            jobs.AddTarget("Chain", $"Fpga{location}", location, "PD", "TF", null, null, folder);
        }

        var path = Path.Combine(folder, "out", "chain.job");
        var export = Best(_ => jobs.Export("Chain", Path.Combine(folder, "out"), "chain", folder, _ => { }, _ => { }));
        var content = File.ReadAllBytes(path);
        var write = Best(round => File.WriteAllBytes(Path.Combine(folder, $"plain{round + 1}.job"), content));
        Console.WriteLine($"export_prog_job, {Targets} targets of {BenchmarkProject.Largest.Name} ({content.Length / 1e6:F1} MB): {Rate(content.Length, export)}; " +
                          $"plain write ceiling {Rate(content.Length, write)}; ratio {write / export:P0}");
    }
}
