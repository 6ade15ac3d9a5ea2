using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>Runs <c>spps-bench</c>: the built program beside the tests, or the root launcher users type.</summary>
public static class BenchProgram
{
    public static ProcessResult Run(params string[] args) => DotnetProgram.Run(DotnetProgram.StartInfo("spps-bench.dll", args));

    /// <summary>Runs <c>./spps-bench</c> at the root of the source tree, which builds the program when stale.</summary>
    public static ProcessResult RunLauncher(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(SourceTree.Root, "spps-bench"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return DotnetProgram.Run(start);
    }
}
