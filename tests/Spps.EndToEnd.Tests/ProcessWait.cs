using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>Waits for something the programs a test started make happen (a file appears), giving up if they end first.</summary>
public static class ProcessWait
{
    public static void Until(Func<bool> condition, string what, IReadOnlyList<Process> processes)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120) || processes.Any(process => process.HasExited))
            {
                processes.Where(process => !process.HasExited).ToList().ForEach(process => process.Kill(entireProcessTree: true));
                throw new TimeoutException($"Waited in vain for {what}: " +
                                           string.Join(" / ", processes.Where(process => process.HasExited).Select(process => process.StandardError.ReadToEnd())));
            }

            Thread.Sleep(5);
        }
    }
}
