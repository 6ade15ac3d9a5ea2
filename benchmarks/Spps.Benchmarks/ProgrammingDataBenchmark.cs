using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.Formats.Memory;
using Spps.JobManager.Application;
using Spps.JobManager.ProgrammingData;
using Spps.JobManager;
using Spps.Workspace.Projects;
using Spps.Workspace.Settings;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary>
/// <c>new_prog_data</c> on the largest die's JDC beside a plain copy of the same file (the ceiling: the disk), and
/// memory-file parsing beside reading the same file's bytes.
/// </summary>
internal static class ProgrammingDataBenchmark
{
    public static void Run()
    {
        var folder = Path.Combine(Path.GetTempPath(), "spps-bench-pd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            ImportLargestDesign(folder);
            PerDeviceFiles(folder);
            ParseMemoryFile(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void ImportLargestDesign(string folder)
    {
        var largest = DeviceCatalog.Dies.MaxBy(die => die.FabricBytes)!;
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = largest.Name, DesignVersion = 1 });
        var jdc = Path.Combine(folder, "largest.jdc");
        File.WriteAllBytes(jdc, JdcFile.ToBytes(design, fabric, "benchmark", TimeProvider.System.UtcNowToTheSecond()));
        var bytes = new FileInfo(jdc).Length;

        using var workspace = new ProjectContext();
        workspace.NewProject(folder, "Bench", folder, _ => { });
        var services = new JobManagerServices(workspace, Path.Combine(folder, "home"), TimeProvider.System);
        var service = services.ProgrammingData;
        var import = Best(round => service.NewProgData($"PD{round + 1}", jdc, null, folder, _ => { }));
        var copy = Best(round => File.Copy(jdc, Path.Combine(folder, $"copy{round + 1}.jdc")));
        Console.WriteLine($"new_prog_data, {largest.Name} JDC ({bytes / 1e6:F1} MB): {Rate(bytes, import)}; plain file copy ceiling {Rate(bytes, copy)}; " +
                          $"ratio {copy / import:P0}");

        service.InitBitstream("PD1", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        foreach (var (format, goal) in new[] { ("DAT", "50%"), ("SPI", "50%"), ("STAPL", "25%") })
        {
            var output = Path.Combine(folder, "export", "largest");
            var export = Best(_ => services.Bitstreams.ExportBitstream("PD1", "TF", [format], output, null, folder, _ => { }, _ => { }));
            var file = output + (format == "STAPL" ? ".stp" : "." + format.ToLowerInvariant());
            var size = new FileInfo(file).Length;
            var content = File.ReadAllBytes(file);
            var write = Best(round => File.WriteAllBytes(Path.Combine(folder, $"plain{round + 1}.bin"), content));
            Console.WriteLine($"export_bitstream_file {format}, {largest.Name} ({size / 1e6:F1} MB): {Rate(size, export)}; plain write ceiling {Rate(size, write)}; " +
                              $"ratio {write / export:P0} (goal {goal})");
        }
    }

    // Per-device UEK1 update files (UNIQUE_KEY, HSM flow, embedded U-HSM) for 1,000 DSNs of the smallest die, beside plain
    // writes of the same files.
    private static void PerDeviceFiles(string folder)
    {
        const int Devices = 1000;
        var smallest = DeviceCatalog.Dies.MinBy(die => die.FabricBytes)!;
        var (design, fabric) = DesignGenerator.Generate(new DesignRequest { Device = smallest.Name, DesignVersion = 1 });
        var jdc = Path.Combine(folder, "smallest.jdc");
        File.WriteAllBytes(jdc, JdcFile.ToBytes(design, fabric, "benchmark", TimeProvider.System.UtcNowToTheSecond()));
        using var workspace = new ProjectContext();
        workspace.NewProject(Path.Combine(folder, "dsn"), "Dsn", folder, _ => { });
        var home = Path.Combine(folder, "home-dsn");
        var services = new JobManagerServices(workspace, home, TimeProvider.System);
        services.Application.SetHsmParameters("local", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "keys", null, folder);
        services.Keysets.Create("ks", null, new Dictionary<string, string>(), _ => { });
        var service = services.ProgrammingData;
        service.NewProgData("PD", jdc, "ks", folder, _ => { });
        service.InitBitstream("PD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        var output = Path.Combine(folder, "per-device");
        var files = new List<string>();
        var export = Stopwatch.StartNew();
        for (var device = 0; device < Devices; device++)
        {
            var dsn = device.ToString("X32", CultureInfo.InvariantCulture);
            files.AddRange(services.Bitstreams.ExportBitstream("PD", "U1", ["SPI"], Path.Combine(output, dsn), dsn, folder, _ => { }, _ => { }));
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
        Console.WriteLine($"export_bitstream_file -dsn, {Devices} per-device UEK1 files of {smallest.Name} ({bytes / 1e6:F0} MB): {Devices / export.Elapsed.TotalSeconds:F0} files/s; " +
                          $"plain writes {Devices / write.Elapsed.TotalSeconds:F0} files/s; ratio {write.Elapsed / export.Elapsed:P0}");
    }

    private static void ParseMemoryFile(string folder)
    {
        var path = Path.Combine(folder, "firmware.hex");
        var data = SeededBytes.Generate(1, "firmware", 4 << 20);
        File.WriteAllText(path, IntelHex(data));
        var bytes = new FileInfo(path).Length;
        var parse = Best(_ => MemoryFileReader.Read(path));
        var read = Best(_ => File.ReadAllBytes(path));
        Console.WriteLine($"Intel HEX parsing ({bytes / 1e6:F1} MB of text, {data.Length / 1e6:F1} MB of data): {Rate(bytes, parse)}; " +
                          $"reading the file's bytes ceiling {Rate(bytes, read)}; ratio {read / parse:P0}");
    }

    private static string IntelHex(byte[] data)
    {
        var text = new StringBuilder();
        for (var offset = 0; offset < data.Length; offset += 16)
        {
            if (offset % 0x10000 == 0)
            {
                var upper = offset >> 16;
                text.Append(CultureInfo.InvariantCulture, $":02000004{upper:X4}{(byte)(0x100 - ((2 + 4 + (upper >> 8) + (upper & 0xFF)) & 0xFF)):X2}\n");
            }

            var record = new byte[4 + 16];
            record[0] = 16;
            record[1] = (byte)(offset >> 8);
            record[2] = (byte)offset;
            Array.Copy(data, offset, record, 4, 16);
            var sum = record.Aggregate(0, (total, value) => total + value);
            text.Append(':').Append(Convert.ToHexString(record)).Append(CultureInfo.InvariantCulture, $"{(byte)(0x100 - (sum & 0xFF)):X2}\n");
        }

        return text.Append(":00000001FF\n").ToString();
    }
}
