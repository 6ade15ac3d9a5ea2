namespace Spps.Testing;

/// <summary>
/// The real files made by Microchip's tools, in <c>../shared/samples/</c> beside the repository or in the folder
/// <c>SPPS_SAMPLES</c> names. Tests read them where they are present and skip, saying where they looked, where they are
/// not; they are never copied into the project.
/// </summary>
public static class Samples
{
    public const string FolderVariable = "SPPS_SAMPLES";

    /// <summary>Where the samples are read from: <c>SPPS_SAMPLES</c> when set, else <c>../shared/samples</c> beside the repository.</summary>
    public static string Folder { get; } = FolderFor(Environment.GetEnvironmentVariable(FolderVariable));

    /// <summary>
    /// The samples folder for a value of <c>SPPS_SAMPLES</c>. A relative folder is taken from the repository's root,
    /// where <c>dotnet test</c> is typed, not from the test host's own working folder (the build output).
    /// </summary>
    public static string FolderFor(string? variable) =>
        Path.GetFullPath(string.IsNullOrEmpty(variable) ? Path.Combine("..", "shared", "samples") : variable, SourceTree.Root);

    /// <summary>
    /// The path of a sample, <paramref name="relative"/> to the samples folder; skips the test when the file is absent,
    /// so the test must be a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c> (in a plain <c>[Fact]</c> the skip
    /// fails the test: never a silent pass).
    /// </summary>
    public static string Require(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Folder, relative));
        Skip.IfNot(File.Exists(path), $"The sample '{path}' is not present: samples are expected in '{Folder}'; set {FolderVariable}=DIR to read them from DIR.");
        return path;
    }

    /// <summary>The bytes of a sample; skips the test as <see cref="Require"/> does when it is absent.</summary>
    public static byte[] Read(string relative) => File.ReadAllBytes(Require(relative));
}
