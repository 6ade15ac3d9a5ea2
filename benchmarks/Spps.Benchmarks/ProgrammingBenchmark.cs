using Spps.Devices;
using Spps.Formats.Production;
using Spps.FpExpress;
using Spps.Hsm;
using Spps.Hsm.Server;
using Spps.JobManager.HsmTasks;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Settings;

namespace Spps.Benchmarks;

/// <summary>
/// Devices programmed per second on one station: fpexpress's <c>run_selected_actions</c> of an HSM job's Initiator
/// (PROGRAM, AUTH_CODE, with a CoC) on one new device after another — the chain checked, the device's challenge, the
/// M-HSM's authorisation (its durable spend of the ticket), the device's PROGRAM of the job's bitstream with the code, the
/// production record written — with the M-HSM embedded and served on loopback, beside the bare counter operation (the
/// ticket's guarded UPDATE alone, committed durably) on the same store in the same run: the ceiling the disk sets on any
/// device that spends a ticket. The smallest die of the catalog (its one key mode, DFK) and the smallest die with a
/// factory key pair (KFP); the tickets are unlimited, so the run never runs out.
/// </summary>
internal static class ProgrammingBenchmark
{
    private const int Rounds = 3;

    private static readonly (Die Die, string KeyMode)[] _cases =
    [
        (BenchmarkProject.Smallest, "DFK"),
        (DeviceCatalog.Dies.Where(die => die.HasFactoryEccKey).MinBy(die => die.FabricBytes)!, "KFP"),
    ];

    public static async Task Run(TimeSpan duration)
    {
        using var oe = new BenchmarkProject("program");
        oe.UseEmbeddedHsm("ks");
        var mHsmUuid = Guid.NewGuid().ToString();
        using var embeddedServices = new FpExpressServices(Path.Combine(oe.Folder, "station-embedded"));
        embeddedServices.HsmParameters.Set(HsmServerName.Local, null, mHsmUuid, _ => { }, _ => { });
        var store = embeddedServices.Connector.EmbeddedStoreFolder;
        await using var server = await HsmServer.StartAsync(HsmModule.Open(store), "127.0.0.1:0");
        var servedHome = Path.Combine(oe.Folder, "station-served");
        Directory.CreateDirectory(servedHome);
        HsmModule.Open(store).Enroll("served station", "manufacturer").Save(Path.Combine(servedHome, HsmConnector.CredentialFileName));
        using var servedServices = new FpExpressServices(servedHome);
        servedServices.HsmParameters.Set($"{server.Address.Host}:{server.Address.Port}", null, mHsmUuid, _ => { }, _ => { });
        using var factory = DeviceFactory.Development();
        var (embedded, served) = (new ProgrammingStation(embeddedServices, factory), new ProgrammingStation(servedServices, factory));

        foreach (var (die, keyMode) in _cases)
        {
            var job = ExportHsmJob(oe, embeddedServices, die, keyMode);
            var ticketId = embedded.Open(job, die, Path.Combine(oe.Folder, "embedded-" + die.Name));
            served.Open(job, die, Path.Combine(oe.Folder, "served-" + die.Name));
            embedded.Latencies(duration); // the steady state: the path compiled and optimised first
            served.Latencies(duration);

            // Rounds in turn, so the three figures share the machine's load alike.
            var (onEmbedded, onServed, bare) = (new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                onEmbedded.AddRange(embedded.Latencies(duration / Rounds));
                onServed.AddRange(served.Latencies(duration / Rounds));
                bare.Add(HsmRequestBenchmark.Measure(duration / Rounds, 1, () => TicketBenchmark.BareCounter(store, ticketId)).PerSecond);
            }

            var (embeddedFigures, servedFigures, ceiling) = (Figures(onEmbedded), Figures(onServed), bare.Average());
            Console.WriteLine($"PROGRAM of {die.Name} (HSM AUTH_CODE {keyMode}, CoC), one station: M-HSM embedded {embeddedFigures}, served on loopback {servedFigures}; " +
                              $"bare counter ceiling {ceiling,5:N0} /s; ratios {embeddedFigures.PerSecond / ceiling:P1} and {servedFigures.PerSecond / ceiling:P1}");
            embedded.Close();
            served.Close();
        }
    }

    private static DeviceFigures Figures(List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        return new DeviceFigures(sorted.Count / (sorted.Sum() / 1000), HsmRequestBenchmark.Percentile(sorted, 0.50), HsmRequestBenchmark.Percentile(sorted, 0.99));
    }

    // The OE's HSM job of one Initiator of the die, as the Job Manager exports it: one task with an unlimited PROGRAM
    // ticket, its request processed by the station's M-HSM as process_job_request does.
    private static string ExportHsmJob(BenchmarkProject oe, FpExpressServices cm, Die die, string keyMode)
    {
        var (services, folder, name) = (oe.Services, oe.Folder, die.Name);
        services.ProgrammingData.NewProgData(name, oe.WriteJdc(die), "ks", folder, _ => { });
        services.ProgrammingData.InitBitstream(name, new BitstreamRequest { Name = "M", Type = "MASTER", Protocol = "AUTH_CODE", AuthKeyMode = keyMode, GenerateCoc = true });
        services.Jobs.NewJob(name, ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        services.Jobs.AddTarget(name, "FPGA", 1, name, "M", null, null, folder);
        services.HsmTasks.AddTask(name, "T", HsmTask.External);
        services.HsmTasks.NewTicket(name, "T", "P", "FPGA", "PROGRAM", DeviceLimit.Unlimited, _ => { });
        var (request, reply) = (Path.Combine(folder, name + ".req"), Path.Combine(folder, name + ".rep"));
        services.Handshake.ExportRequest(name, "T", request, folder, _ => { }, _ => { });
        cm.ManufacturerHsm.ProcessJobRequest(request, reply, false, folder, _ => { });
        services.Handshake.ImportReply(name, "T", reply, folder, _ => { });
        return services.HsmJobs.Export(name, "T", Path.Combine(folder, "jobs"), name, folder, _ => { }, _ => { });
    }

    private sealed record DeviceFigures(double PerSecond, double P50, double P99)
    {
        public override string ToString() => $"{PerSecond,5:N1} devices/s (p50 {P50,5:N0} ms, p99 {P99,5:N0} ms)";
    }
}
