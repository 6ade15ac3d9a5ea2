using System.Diagnostics;
using System.Text.Json;

namespace Spps.EndToEnd.Tests;

/// <summary>Runs <c>spps-bench</c>: the built program beside the tests, or the root launcher users type.</summary>
public static class BenchProgram
{
    public static ProcessResult Run(params string[] args) => DotnetProgram.Run(DotnetProgram.StartInfo("spps-bench.dll", args));

    /// <summary>How a Tcl script can run it (the examples' <c>SPPS_BENCH</c>): a Tcl list of the command words.</summary>
    public static string TclCommand => $"{{{DotnetProgram.StartInfo("spps-bench.dll", []).FileName}}} {{{Path.Combine(AppContext.BaseDirectory, "spps-bench.dll")}}}";

    /// <summary>
    /// <c>show --bench DIR --json</c>: every device's state as the program reports it, board by board (index 0 is board
    /// 1), each board's devices from TDI (index 0 is position 1).
    /// </summary>
    public static JsonElement[][] ShowDevices(string bench)
    {
        var show = Run("show", "--bench", bench, "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        using var json = JsonDocument.Parse(show.Stdout);
        return [.. json.RootElement.GetProperty("boards").EnumerateArray()
            .Select(board => board.GetProperty("devices").EnumerateArray().Select(device => device.Clone()).ToArray())];
    }

    /// <summary>A device's state as <see cref="ShowDevices"/> gives it, but for its last result: a refused action changes only that.</summary>
    public static string WithoutLastResult(JsonElement device) =>
        string.Join(",", device.EnumerateObject().Where(property => property.Name != "last_result").Select(property => $"{property.Name}={property.Value.GetRawText()}"));

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
