using Spps.Benchmarks;

// Each figure is printed beside the machine's own ceiling, measured in the same run.
//   dotnet run -c Release --project benchmarks/Spps.Benchmarks [seconds per measurement] [benchmark names...]
// Names (any of them; all when none is given): keys hsm mhsm tickets program data export dsn aca bsdl job hsmjob status coc
// (coc: the job status's CoC check alone, without the whole verify_job_status, whose setup takes minutes)
// The kill run is asked for on its own (benchmarks/hsm_kill.sh):
//   dotnet run -c Release --project benchmarks/Spps.Benchmarks -- kill [kills] [ticket maximum]
if (args.Length > 0 && args[0] == "kill")
{
    Spps.Benchmarks.HsmKillBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 120,
        args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 400);
    return;
}

var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
var duration = TimeSpan.FromSeconds(seconds);
var only = args.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
bool Selected(string name) => only.Count == 0 || only.Contains(name);

if (Selected("keys"))
{
    KeyDerivationBenchmark.Run(duration);
}

if (Selected("hsm"))
{
    await HsmRequestBenchmark.Run(duration);
}

if (Selected("mhsm"))
{
    await HandshakeBenchmark.Run(duration);
}

if (Selected("tickets"))
{
    await TicketBenchmark.Run(duration);
}

if (Selected("program"))
{
    await ProgrammingBenchmark.Run(duration);
}

if (Selected("data"))
{
    ProgrammingDataBenchmark.Run();
}

if (Selected("export"))
{
    BitstreamExportBenchmark.Run();
}

if (Selected("dsn"))
{
    PerDeviceFilesBenchmark.Run();
}

if (Selected("aca"))
{
    AcaBenchmark.Run();
}

if (Selected("bsdl"))
{
    BsdlBenchmark.Run();
}

if (Selected("job"))
{
    JobExportBenchmark.Run();
}

if (Selected("hsmjob"))
{
    HsmJobExportBenchmark.Run();
}

if (Selected("status") || Selected("coc"))
{
    JobStatusBenchmark.Run(wholeStatus: Selected("status"));
}
