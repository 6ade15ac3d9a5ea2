using System.Diagnostics;
using System.Text;

namespace Spps.EndToEnd.Tests;

/// <summary>What a run of the program left behind.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
}

/// <summary>
/// Runs one of the built Tcl programs (<c>jobmanager</c> unless another is named, such as <c>fpexpress</c>) as a separate
/// process, as users do. Settings always go to the test's own home folder, never the user's.
/// </summary>
public sealed class JobManagerProcess(string workingDirectory, string homeFolder, string program = "jobmanager", string homeVariable = "JOBMANAGER_HOME")
{
    public Dictionary<string, string?> Environment { get; } = new();

    public ProcessResult Run(params string[] args) => Run(args, standardInput: null);

    public ProcessResult Run(IReadOnlyList<string> args, string? standardInput)
    {
        using var process = Start(args);
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            var bytes = new UTF8Encoding(false).GetBytes(standardInput);
            process.StandardInput.BaseStream.Write(bytes);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 60 s.");
        }

        copyOut.GetAwaiter().GetResult();
        return new ProcessResult(process.ExitCode, stdout.ToArray(), readErr.GetAwaiter().GetResult());
    }

    /// <summary>Starts the program with all three standard streams redirected, for tests that talk to it while it runs.</summary>
    public Process Start(IReadOnlyList<string> args)
    {
        var start = DotnetProgram.StartInfo(program + ".dll", args);
        start.WorkingDirectory = workingDirectory;
        start.Environment[homeVariable] = homeFolder;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }
}
