using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Spps.Architecture.Tests;

/// <summary>
/// The projects of src/ (every <c>src/*/*.csproj</c>, as this project's wildcard reference builds them) and what each
/// one's compiled assembly references. The compiled references are what a program loads: a reference gained through a
/// package or a hand-written path is seen, and a project reference no code uses (which loads nothing) is not.
/// </summary>
public static class CompiledProjects
{
    private static string SourceFolder => Path.Combine(SourceTree.Root, "src");

    public static IEnumerable<string> Names() => ProjectFiles(SourceFolder).Select(Path.GetFileNameWithoutExtension)!;

    /// <summary>The projects of src/ with the references of their assemblies built beside these tests.</summary>
    public static ProjectGraph Read() =>
        new(ProjectFiles(SourceFolder).Select(file => Read(file, AppContext.BaseDirectory)));

    private static IEnumerable<string> ProjectFiles(string sourceFolder) =>
        Directory.EnumerateDirectories(sourceFolder).SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj")).Order(StringComparer.Ordinal);

    private static CompiledProject Read(string projectFile, string binaryFolder)
    {
        var name = Path.GetFileNameWithoutExtension(projectFile);
        // Programs name their assembly after the command (jobmanager, spps-hsm); the others keep the project's name.
        var assemblyName = XDocument.Load(projectFile).Descendants("AssemblyName").LastOrDefault()?.Value ?? name;
        var assembly = Path.Combine(binaryFolder, assemblyName + ".dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"{name}'s assembly '{assembly}' is not beside the tests; Spps.Architecture.Tests references every src/*/*.csproj, so build it again.", assembly);
        }

        return new CompiledProject(name, assemblyName, ReferencesOf(assembly));
    }

    // Read from the metadata, without loading the assembly into the test process.
    private static List<string> ReferencesOf(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
    }
}
