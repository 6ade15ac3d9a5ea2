using System.Diagnostics;
using Spps.Formats.Design;
using Spps.Formats.Stapl;

namespace Spps.Benchmarks;

/// <summary>ACA compression of bitstream-like data on one core (goal: at least 100 MB/s of input), beside a plain copy of the same bytes.</summary>
internal static class AcaBenchmark
{
    public static void Run()
    {
        // Encrypted bitstreams look random, with runs of zeros between components.
        var data = SeededBytes.Generate(1, "aca", 16 << 20);
        for (var offset = 0; offset < data.Length; offset += 1 << 20)
        {
            Array.Clear(data, offset, 4096);
        }

        Aca.Encode(data.AsSpan(0, 1 << 20)); // warm-up
        var clock = Stopwatch.StartNew();
        var encoded = Aca.Encode(data);
        var encode = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var copy = data.ToArray();
        var ceiling = clock.Elapsed.TotalSeconds;
        var identical = Aca.Decode(encoded).AsSpan().SequenceEqual(data);
        Console.WriteLine($"ACA compression, {data.Length / 1e6:F1} MB: {data.Length / encode / 1e6,7:F1} MB/s on one core (goal 100); " +
                          $"memory copy ceiling {copy.Length / ceiling / 1e6:F0} MB/s; round trip {(identical ? "identical" : "DIFFERENT")}");
    }
}
