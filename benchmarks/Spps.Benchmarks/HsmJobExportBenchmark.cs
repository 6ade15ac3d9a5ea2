using Spps.Hsm;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary>
/// <c>export_hsmtask</c> of a chain of four MASTER (AUTH_CODE) targets of the largest die, bound to an M-HSM, beside
/// <c>export_prog_job</c> of the same chain of the same design in the non-HSM flow: what the U-HSM's sealing adds
/// (goal: at most 20%).
/// </summary>
internal static class HsmJobExportBenchmark
{
    private const int Targets = 4;

    public static void Run()
    {
        using var project = new BenchmarkProject("hsmjob");
        var folder = project.Folder;
        var services = project.Services;
        project.UseEmbeddedHsm("ks");
        var jdc = project.WriteJdc(BenchmarkProject.Largest);
        services.ProgrammingData.NewProgData("PD", jdc, null, folder, _ => { });
        services.ProgrammingData.NewProgData("HD", jdc, "ks", folder, _ => { });
        services.ProgrammingData.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        services.ProgrammingData.InitBitstream("HD", new BitstreamRequest { Name = "M", Type = "MASTER", Protocol = "AUTH_CODE", AuthKeyMode = "KFP" });
        services.Jobs.NewJob("Plain", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        services.Jobs.NewJob("Hsm", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        services.HsmTasks.AddTask("Hsm", "T", HsmTask.External);
        for (var location = 1; location <= Targets; location++)
        {
            services.Jobs.AddTarget("Plain", $"Fpga{location}", location, "PD", "M", null, null, folder);
            services.Jobs.AddTarget("Hsm", $"Fpga{location}", location, "HD", "M", null, null, folder);
            services.HsmTasks.NewTicket("Hsm", "T", $"P{location}", $"Fpga{location}", "PROGRAM", "1000", _ => { });
        }

        var request = Path.Combine(folder, "t.req");
        var reply = Path.Combine(folder, "t.rep");
        services.Handshake.ExportRequest("Hsm", "T", request, folder, _ => { }, _ => { });
        File.WriteAllBytes(reply, HsmModule.Create(Path.Combine(folder, "m-hsm")).ManufacturerRole().ProcessJobRequest(File.ReadAllBytes(request)).ReplyContainer);
        services.Handshake.ImportReply("Hsm", "T", reply, folder, _ => { });

        var output = Path.Combine(folder, "out");
        var (plain, sealedJob) = BestOfEach(
            _ => services.Jobs.Export("Plain", output, "plain", folder, _ => { }, _ => { }),
            _ => services.HsmJobs.Export("Hsm", "T", output, "hsm", folder, _ => { }, _ => { }));
        var size = new FileInfo(Path.Combine(output, "hsm.job")).Length;
        Console.WriteLine($"export_hsmtask, {Targets} targets of {BenchmarkProject.Largest.Name} ({size / 1e6:F1} MB): {Rate(size, sealedJob)}; " +
                          $"export_prog_job of the same chain {Rate(new FileInfo(Path.Combine(output, "plain.job")).Length, plain)}; " +
                          $"HSM sealing adds {sealedJob / plain - 1:P0} (goal at most 20%)");
    }
}
