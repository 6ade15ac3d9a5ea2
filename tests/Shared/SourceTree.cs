using System.Runtime.CompilerServices;

namespace Spps.Testing;

/// <summary>The repository's source tree, for tests that read it (its projects, its examples, the samples beside it).</summary>
public static class SourceTree
{
    /// <summary>The repository's root folder (the one with <c>JobManager.slnx</c>).</summary>
    public static string Root { get; } = RootOf();

    // The compiler records this file's own path, so the root is found wherever the tests run from; the path is taken in
    // this file (never at a caller's) so every test, in any folder, gets the same answer.
    private static string RootOf([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
