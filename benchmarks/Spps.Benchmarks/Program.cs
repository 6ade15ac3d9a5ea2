using Spps.Benchmarks;

// Each figure is printed beside the machine's own ceiling, measured in the same run.
//   dotnet run -c Release --project benchmarks/Spps.Benchmarks [seconds per measurement]
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
var duration = TimeSpan.FromSeconds(seconds);
KeyDerivationBenchmark.Run(duration);
await HsmRequestBenchmark.Run(duration);
ProgrammingDataBenchmark.Run();
AcaBenchmark.Run();
BsdlBenchmark.Run();
