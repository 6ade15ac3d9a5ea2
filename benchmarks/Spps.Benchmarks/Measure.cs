using System.Diagnostics;

namespace Spps.Benchmarks;

/// <summary>How the file benchmarks time an operation (the best of a few rounds after a warm-up) and print a rate.</summary>
internal static class Measure
{
    private const int Rounds = 3;

    /// <summary>The best time in seconds of <see cref="Rounds"/> rounds; the operation gets the round number (-1 for the warm-up).</summary>
    public static double Best(Action<int> operation)
    {
        operation(-1);
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            operation(round);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    public static string Rate(long bytes, double seconds) => $"{bytes / seconds / 1e6,7:F1} MB/s";
}
