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
            best = Math.Min(best, Time(operation, round));
        }

        return best;
    }

    private static double Time(Action<int> operation, int round)
    {
        var clock = Stopwatch.StartNew();
        operation(round);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The best times in seconds of two operations compared with each other, their rounds taken in turn after a warm-up of
    /// each, so both run with the same compiled code and under the same load on the machine.
    /// </summary>
    public static (double First, double Second) BestOfEach(Action<int> first, Action<int> second)
    {
        first(-1);
        second(-1);
        var (bestFirst, bestSecond) = (double.MaxValue, double.MaxValue);
        for (var round = 0; round < Rounds; round++)
        {
            bestFirst = Math.Min(bestFirst, Time(first, round));
            bestSecond = Math.Min(bestSecond, Time(second, round));
        }

        return (bestFirst, bestSecond);
    }

    public static string Rate(long bytes, double seconds) => $"{bytes / seconds / 1e6,7:F1} MB/s";
}
