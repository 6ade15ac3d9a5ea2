using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>Starts one of our built programs (a .dll beside the tests) with the same dotnet host that runs the tests.</summary>
public static class DotnetProgram
{
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs <paramref name="start"/> to its end with no input, and gives what it printed and its exit code.</summary>
    public static ProcessResult Run(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, System.Text.Encoding.UTF8.GetBytes(stdout), stderr.GetAwaiter().GetResult());
    }
}
