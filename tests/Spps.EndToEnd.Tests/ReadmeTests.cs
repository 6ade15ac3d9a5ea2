using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Every shell block of the README runs as written, from the top of a fresh copy of the checkout's examples, and
/// writes nothing outside <c>examples/out</c> and the user's home. The programs the test run already built stand in
/// for the launchers (<c>./jobmanager</c> and the others), so nothing is built again; the launchers themselves are
/// tested in <see cref="LauncherTests"/>.
/// </summary>
public sealed partial class ReadmeTests : EndToEndTest
{
    private static readonly string[] Programs = ["jobmanager", "fpexpress", "jdcgen", "spps-bench", "spps-hsm"];

    // The blocks that need more than a checkout, by their first line, each with its reason.
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["dotnet test JobManager.slnx"] = "the test suite itself",
        ["./spps-hsm world  --out ~/secure/world.json"] = "a served HSM's set-up: init writes to /srv/hsm and serve runs until stopped; HsmProgramTests run each step",
    };

    [Fact]
    public void Every_shell_block_of_the_readme_runs_as_written_in_a_fresh_copy_of_the_examples()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the README's shell blocks are for Linux and macOS
        }

        var blocks = ShellBlocks().Matches(File.ReadAllText(Path.Combine(SourceTree.Root, "README.md"))).Select(match => match.Groups[1].Value).ToList();
        var skipped = blocks.Where(block => NotRun.ContainsKey(block.Split('\n')[0].Split('#')[0].Trim())).ToList();
        Assert.Equal(NotRun.Count, skipped.Count); // a block left out must still be there, as its reason says
        Assert.True(blocks.Count - skipped.Count >= 5, "the README's runnable blocks are found");

        var clone = CopyOfTheCheckout();
        foreach (var block in blocks.Except(skipped))
        {
            var run = RunShell(clone, block);
            Assert.True(run.ExitCode == 0, $"This README block ended with {run.ExitCode}:\n{block}\n{run.Stderr}");
        }

        Assert.Equal(Programs.Append("examples").Order(), Directory.GetFileSystemEntries(clone).Select(Path.GetFileName).Order());
        var examples = Path.Combine(SourceTree.Root, "examples");
        Assert.Equal(Directory.GetFiles(examples, "*", SearchOption.AllDirectories).Where(file => !file.StartsWith(Path.Combine(examples, "out"), StringComparison.Ordinal))
                .Select(file => Path.GetRelativePath(examples, file)).Order(),
            Directory.GetFiles(Path.Combine(clone, "examples"), "*", SearchOption.AllDirectories).Where(file => !file.StartsWith(Path.Combine(clone, "examples", "out"), StringComparison.Ordinal))
                .Select(file => Path.GetRelativePath(Path.Combine(clone, "examples"), file)).Order());
        Assert.True(File.Exists(Path.Combine(clone, "examples", "out", "tour", "Tour", "Tour.jprj")), "the tour's flow.tcl made its project");
    }

    // The examples as checked out (without what earlier runs left in examples/out), and in place of each launcher the
    // program already built.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string CopyOfTheCheckout()
    {
        var clone = Folder.Combine("clone");
        var examples = Path.Combine(SourceTree.Root, "examples");
        foreach (var file in Directory.GetFiles(examples, "*", SearchOption.AllDirectories).Where(file => !file.StartsWith(Path.Combine(examples, "out"), StringComparison.Ordinal)))
        {
            var copy = Path.Combine(clone, "examples", Path.GetRelativePath(examples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(file));
        }

        foreach (var program in Programs)
        {
            var start = DotnetProgram.StartInfo(program + ".dll", []);
            var launcher = Path.Combine(clone, program);
            File.WriteAllText(launcher, $"#!/bin/sh\nexec '{start.FileName}' '{start.ArgumentList[0]}' \"$@\"\n");
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return clone;
    }

    // Runs a block as a user's shell would, line by line, stopping at the first failure; standard input is empty, not a terminal.
    private ProcessResult RunShell(string clone, string block)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-c", block]) { WorkingDirectory = clone };
        var home = Folder.Combine("user");
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        foreach (var variable in new[] { "JOBMANAGER_HOME", "FPEXPRESS_HOME", "SPPS_HSM_CREDENTIAL", "JDCGEN", "SPPS_BENCH" })
        {
            start.Environment[variable] = null;
        }

        return DotnetProgram.Run(start);
    }

    [GeneratedRegex(@"^```sh\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlocks();
}
