using System.Diagnostics;
using System.Security.Cryptography;
using Spps.Hsm.Crypto;

namespace Spps.Benchmarks;

/// <summary>Per-device key derivations per second on one core, beside HMAC-SHA256 one-shots over an input of the same size.</summary>
internal static class KeyDerivationBenchmark
{
    public static void Run(TimeSpan duration)
    {
        var baseKey = RandomNumberGenerator.GetBytes(32);
        var dsn = RandomNumberGenerator.GetBytes(16);
        var output = new byte[32];
        // The KDF's one HMAC block: counter (4) + label (19) + 0x00 + "UEK1" (4) + 0x00 + DSN (16) + L (4).
        var block = RandomNumberGenerator.GetBytes(4 + 19 + 1 + 4 + 1 + 16 + 4);

        var derivations = Rate(duration, () => DeviceKeyDerivation.Derive(baseKey, "UEK1", dsn, output));
        var ceiling = Rate(duration, () => HMACSHA256.HashData(baseKey, block, output));
        Console.WriteLine($"per-device key derivation: {derivations,12:N0} /s on one core; HMAC-SHA256 one-shot ceiling {ceiling,12:N0} /s; " +
                          $"ratio {derivations / ceiling:P0} (goal: at least 50%)");
    }

    private static double Rate(TimeSpan duration, Action operation)
    {
        for (var i = 0; i < 10_000; i++)
        {
            operation(); // warm-up
        }

        var count = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 1_000; i++)
            {
                operation();
            }

            count += 1_000;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
