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
}
