using System.Diagnostics;

namespace Spps.EndToEnd.Tests;

/// <summary>The root launcher script is what users type: it must pass arguments and the exit code through untouched.</summary>
public sealed class LauncherTests : EndToEndTest
{
    [Theory]
    [InlineData("jobmanager", "JOBMANAGER_HOME")]
    [InlineData("fpexpress", "FPEXPRESS_HOME")]
    public void Passes_arguments_through_unchanged_keeps_the_exit_code_and_does_not_rebuild_when_fresh(string program, string homeVariable)
    {
        var first = RunLauncher(program, homeVariable, "-c", "puts [llength $argv]; foreach a $argv { puts <$a> }; exit 7", "a b", "", "$HOME");
        Assert.Equal(7, first.ExitCode);
        Assert.Equal("3\n<a b>\n<>\n<$HOME>\n", first.Stdout);

        var stamp = Path.Combine(SourceTree.Root, ".build", program, ".built");
        var built = File.GetLastWriteTimeUtc(stamp);
        Assert.Equal(0, RunLauncher(program, homeVariable, "-c", "exit").ExitCode);
        Assert.Equal(built, File.GetLastWriteTimeUtc(stamp));
    }

    private ProcessResult RunLauncher(string program, string homeVariable, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Work() };
        start.ArgumentList.Add(Path.Combine(SourceTree.Root, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[homeVariable] = Folder.Combine("home");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, System.Text.Encoding.UTF8.GetBytes(stdout), stderr.GetAwaiter().GetResult());
    }
}
