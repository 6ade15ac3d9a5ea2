using System.Security.Cryptography;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Storage;
using static Spps.Benchmarks.Measure;

namespace Spps.Benchmarks;

/// <summary>
/// <c>export_bitstream_file</c> of the largest die's TRUSTED_FACILITY bitstream as DAT, SPI and STAPL, each beside a plain
/// write of the same bytes (the goal's ceiling), a durable write of them (staged, flushed to disk, renamed: what an
/// export does so that it survives a crash, and which a plain write, leaving the bytes in the page cache, does not),
/// and the passes an export cannot skip (its crypto and the durable write; not STAPL's ACA), timed alone one after
/// another. The export's rounds alternate with each reference's, so both meet the same load on the machine.
/// </summary>
internal static class BitstreamExportBenchmark
{
    public static void Run()
    {
        using var project = new BenchmarkProject("export");
        var service = project.Services.ProgrammingData;
        service.NewProgData("PD", project.WriteJdc(BenchmarkProject.Largest), null, project.Folder, _ => { });
        service.InitBitstream("PD", new BitstreamRequest { Name = "TF", Type = "TRUSTED_FACILITY" });
        var output = Path.Combine(project.Folder, "export", "largest");
        byte[]? bitstream = null;
        byte[]? sealedBytes = null;
        foreach (var (format, goal) in new[] { ("SPI", "50%"), ("DAT", "50%"), ("STAPL", "25%") })
        {
            void Export(int round) => project.Services.Bitstreams.ExportBitstream("PD", "TF", [format], output, null, project.Folder, _ => { }, _ => { });
            Export(-1);
            var file = output + (format == "STAPL" ? ".stp" : "." + format.ToLowerInvariant());
            var content = File.ReadAllBytes(file);
            bitstream ??= content; // the SPI file is the bitstream itself
            sealedBytes ??= new byte[bitstream.Length];
            var (export, write) = BestOfEach(Export, round => File.WriteAllBytes(Path.Combine(project.Folder, $"plain{round + 1}.bin"), content));
            var (exportAgain, durable) = BestOfEach(Export, round => AtomicFile.WriteAllBytes(Path.Combine(project.Folder, $"durable{round + 1}.bin"), content));
            var (exportOnceMore, passes) = BestOfEach(Export, round => Passes(bitstream, sealedBytes, content, Path.Combine(project.Folder, $"passes{round + 1}.bin")));
            export = Math.Min(export, Math.Min(exportAgain, exportOnceMore));
            Console.WriteLine($"export_bitstream_file {format}, {BenchmarkProject.Largest.Name} ({content.Length / 1e6:F1} MB): {Rate(content.Length, export)}; " +
                              $"plain write ceiling {Rate(content.Length, write)}; ratio {write / export:P0} (goal {goal}); " +
                              $"durable write {Rate(content.Length, durable)}, ratio {durable / export:P0}; " +
                              $"its passes alone {Rate(content.Length, passes)}, ratio {passes / export:P0}");
        }
    }

    // What no export of the bitstream can leave out, one pass after another on one core: the fabric checked against the
    // SHA-256 its design recorded, the deterministic nonce's HMAC over the plaintext, AES-GCM, the bitstream's digest,
    // and the file's durable write. STAPL's ACA compression is not counted: the `aca` benchmark measures it alone.
    private static void Passes(byte[] bitstream, byte[] sealedBytes, byte[] file, string path)
    {
        var key = new byte[32];
        SHA256.HashData(bitstream);
        var nonce = HMACSHA256.HashData(key, bitstream).AsSpan(0, 12);
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, bitstream, sealedBytes, new byte[16]);
        }

        SHA256.HashData(sealedBytes);
        AtomicFile.WriteAllBytes(path, file);
    }
}
