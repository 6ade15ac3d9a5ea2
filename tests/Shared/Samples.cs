using System.Runtime.CompilerServices;

namespace Spps.Testing;

/// <summary>
/// The real files made by Microchip's tools in ../shared/samples/ beside the repository. Tests read them where they
/// are present and skip cleanly where they are not; they are never copied into the project.
/// </summary>
public static class Samples
{
    public static string Path(string relative, [CallerFilePath] string thisFile = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", "..", "..", "shared", "samples", relative));
}
