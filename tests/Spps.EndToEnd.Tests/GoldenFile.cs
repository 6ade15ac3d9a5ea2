using System.Runtime.CompilerServices;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// Compares a program's output with a file in Golden/. After a deliberate change, run the tests once with
/// SPPS_UPDATE_GOLDEN=1 and review the diff of Golden/.
/// </summary>
public static class GoldenFile
{
    public static void Assert(string name, string actual, [CallerFilePath] string thisFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("SPPS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Xunit.Assert.True(File.Exists(path), $"Golden file {path} is missing; run with SPPS_UPDATE_GOLDEN=1 to create it.");
        Xunit.Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>
    /// <c>help &lt;command&gt;</c> matches <c>Golden/&lt;folder&gt;help_&lt;command&gt;.txt</c>, and <c>&lt;command&gt; -help</c>
    /// prints the same.
    /// </summary>
    public static void AssertCommandHelp(JobManagerProcess program, string folder, string command)
    {
        var help = program.Run("-c", $"help {command}");
        Assert($"{folder}help_{command}.txt", help.Stdout);
        if (command != "help")
        {
            Xunit.Assert.Equal(help.Stdout, program.Run("-c", $"{command} -help").Stdout);
        }
    }

    /// <summary>The command names a <c>help</c> list shows, one per line indented by two spaces (a summary's continuation is indented further).</summary>
    public static IEnumerable<string> ListedCommands(string help) =>
        help.Split('\n').Where(line => line.Length > 2 && line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ').Select(line => line.Trim().Split(' ')[0]);
}
