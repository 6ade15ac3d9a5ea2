namespace Spps.Architecture.Tests;

/// <summary>Projects and the references between them, found by the names of the assemblies they build.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, CompiledProject> _byName;
    private readonly Dictionary<string, CompiledProject> _byAssembly;

    public ProjectGraph(IEnumerable<CompiledProject> projects)
    {
        var all = projects.ToList();
        _byName = all.ToDictionary(project => project.Name, StringComparer.Ordinal);
        _byAssembly = all.ToDictionary(project => project.AssemblyName, StringComparer.OrdinalIgnoreCase);
    }

    public CompiledProject this[string name] => _byName[name];

    /// <summary>The project that builds an assembly; null for the assemblies of the framework and of packages.</summary>
    public CompiledProject? BuilderOf(string assemblyName) => _byAssembly.GetValueOrDefault(assemblyName);

    /// <summary>
    /// Every project that <paramref name="name"/> reaches through references, direct or not, each with the chain of
    /// projects that leads to it (the project itself first).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reached(string name)
    {
        var chains = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var pending = new Queue<IReadOnlyList<string>>([[name]]);
        while (pending.TryDequeue(out var chain))
        {
            foreach (var reference in _byName[chain[^1]].References)
            {
                if (BuilderOf(reference) is { } next && next.Name != name && chains.TryAdd(next.Name, [.. chain, next.Name]))
                {
                    pending.Enqueue(chains[next.Name]);
                }
            }
        }

        return chains;
    }
}
