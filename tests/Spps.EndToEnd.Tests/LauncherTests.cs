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

    [Fact]
    public void Says_on_standard_error_that_it_builds_only_when_it_builds_and_shows_the_build_s_errors_when_the_build_fails()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // tools/launch.sh is the launcher of Linux and macOS
        }

        // The launcher, copied into a tree of its own with a stand-in for dotnet first on PATH: what is tested is the
        // launcher's decision to build and what it says, in a second, without building anything.
        var root = Folder.Combine("tree");
        Directory.CreateDirectory(Path.Combine(root, "tools"));
        File.Copy(Path.Combine(SourceTree.Root, "tools", "launch.sh"), Path.Combine(root, "tools", "launch.sh"));
        var source = Path.Combine(root, "src", "Tool", "Tool.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, "// a source");
        var dotnet = Folder.Combine("bin", "dotnet");
        Directory.CreateDirectory(Path.GetDirectoryName(dotnet)!);
        File.WriteAllText(dotnet,
            """
            #!/bin/sh
            if [ "$1" = build ]; then
              [ -z "${BUILD_ERROR:-}" ] || { echo "$BUILD_ERROR"; exit 1; }
              exit 0
            fi
            echo "ran $*"

            """);
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var first = RunStubbedLauncher(root, buildError: null);
        Assert.Equal((0, $"ran {root}/.build/tool/tool.dll a b\n"), (first.ExitCode, first.Stdout));
        Assert.Equal("tool: building (first run, about 20 s)...\n", first.Stderr);

        var fresh = RunStubbedLauncher(root, buildError: null);
        Assert.Equal((0, string.Empty), (fresh.ExitCode, fresh.Stderr));

        // Another program's first build makes its bin and obj folders: no source changed.
        Directory.CreateDirectory(Path.Combine(root, "src", "Other", "bin"));
        Directory.CreateDirectory(Path.Combine(root, "src", "Other", "obj"));
        Assert.Equal(string.Empty, RunStubbedLauncher(root, buildError: null).Stderr);

        // A source moved in keeps its old time, and a removed one leaves nothing newer: both are changes.
        var movedIn = Path.Combine(root, "src", "Tool", "Moved.cs");
        File.WriteAllText(movedIn, "// moved in");
        File.SetLastWriteTimeUtc(movedIn, DateTime.UtcNow.AddDays(-1));
        Assert.StartsWith("tool: rebuilding", RunStubbedLauncher(root, buildError: null).Stderr, StringComparison.Ordinal);
        File.Delete(movedIn);
        Assert.StartsWith("tool: rebuilding", RunStubbedLauncher(root, buildError: null).Stderr, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        var changed = RunStubbedLauncher(root, buildError: null);
        Assert.Equal((0, "tool: rebuilding (a source changed since the last build, about 20 s)...\n"), (changed.ExitCode, changed.Stderr));

        var failed = RunStubbedLauncher(root, buildError: "Tool.cs(1,1): error CS1002: ; expected");
        Assert.Equal((2, string.Empty), (failed.ExitCode, failed.Stdout));
        Assert.Equal("tool: rebuilding (a source changed since the last build, about 20 s)...\nTool.cs(1,1): error CS1002: ; expected\n" +
                     $"tool: the build failed (log above, also in {root}/.build/tool/build.log).\n", failed.Stderr);
    }

    private ProcessResult RunStubbedLauncher(string root, string? buildError)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Work() };
        foreach (var arg in new[] { Path.Combine(root, "tools", "launch.sh"), "src/Tool", "tool", "a", "b" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = Folder.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["BUILD_ERROR"] = buildError;
        return Finish(start);
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
        return Finish(start);
    }

    private static ProcessResult Finish(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, System.Text.Encoding.UTF8.GetBytes(stdout), stderr.GetAwaiter().GetResult());
    }
}
