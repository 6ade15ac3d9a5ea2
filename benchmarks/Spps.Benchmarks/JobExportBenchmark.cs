using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.JobManager.Application;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.JobManager;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary><c>export_prog_job</c> of a chain of four targets of the largest die, beside a plain write of the same bytes.</summary>
internal static class JobExportBenchmark
{
    private const int Targets = 4;

    public static void Run()
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-job-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var largest = DeviceCatalog.Dies.MaxBy(die => die.FabricBytes)!;
            var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = largest.Name, DesignVersion = 1 });
            var jdc = Path.Combine(folder, "largest.jdc");
            File.WriteAllBytes(jdc, JdcFile.ToBytes(design, fabric, "benchmark", TimeProvider.System.UtcNowToTheSecond()));

            using var workspace = new ProjectContext();
            workspace.NewProject(folder, "Bench", folder, _ => { });
            var services = new JobManagerServices(workspace, Path.Combine(folder, "home"), TimeProvider.System);
            services.ProgrammingData.NewProgData("PD", jdc, null, folder, _ => { });
            services.ProgrammingData.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
            var jobs = services.Jobs;
            jobs.NewJob("Chain", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
            for (var location = 1; location <= Targets; location++)
            {
                jobs.AddTarget("Chain", $"Fpga{location}", location, "PD", "TF", null, null, folder);
            }

            var path = Path.Combine(folder, "out", "chain.job");
            var export = Best(_ => jobs.Export("Chain", Path.Combine(folder, "out"), "chain", folder, _ => { }, _ => { }));
            var content = File.ReadAllBytes(path);
            var write = Best(round => File.WriteAllBytes(Path.Combine(folder, $"plain{round + 1}.job"), content));
            Console.WriteLine($"export_prog_job, {Targets} targets of {largest.Name} ({content.Length / 1e6:F1} MB): {Rate(content.Length, export)}; " +
                              $"plain write ceiling {Rate(content.Length, write)}; ratio {write / export:P0}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
