using System.Runtime.CompilerServices;

namespace Spps.FpExpress.Tests;

/// <summary>The job project of Fixtures/project-v1, written by the version whose production record was one JSON file (Fixtures/README.md).</summary>
internal static class FirstFormatProject
{
    public static readonly string[] Files = ["Line1.pro", "Line1.job", "Line1.production.json"];

    public static string File(string name, [CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", "project-v1", name);
}
