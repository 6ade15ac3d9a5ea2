using System.Globalization;
using System.Text;
using Spps.Formats.Design;
using Spps.Formats.Memory;
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
        using var project = new BenchmarkProject("data");
        ImportLargestDesign(project);
        ParseMemoryFile(project.Folder);
    }

    private static void ImportLargestDesign(BenchmarkProject project)
    {
        var jdc = project.WriteJdc(BenchmarkProject.Largest);
        var bytes = new FileInfo(jdc).Length;
        var import = Best(round => project.Services.ProgrammingData.NewProgData($"PD{round + 1}", jdc, null, project.Folder, _ => { }));
        var copy = Best(round => File.Copy(jdc, Path.Combine(project.Folder, $"copy{round + 1}.jdc")));
        Console.WriteLine($"new_prog_data, {BenchmarkProject.Largest.Name} JDC ({bytes / 1e6:F1} MB): {Rate(bytes, import)}; plain file copy ceiling {Rate(bytes, copy)}; " +
                          $"ratio {copy / import:P0}");
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
