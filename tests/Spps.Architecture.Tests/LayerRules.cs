namespace Spps.Architecture.Tests;

/// <summary>
/// The rules of docs/architecture.md, checked on a project graph. Each gives its violations as sentences that name the
/// projects, so a failing test says what to change.
/// </summary>
public static class LayerRules
{
    /// <summary>The project has a layer, and a program says which shell it may load.</summary>
    public static IEnumerable<string> Placement(string project)
    {
        if (!LayerTable.Layers.TryGetValue(project, out var layer))
        {
            yield return $"{project} has no layer: add it to LayerTable.Layers where docs/architecture.md says its kind of code goes.";
        }
        else if (layer == Layer.Programs && !LayerTable.ShellOfProgram.ContainsKey(project))
        {
            yield return $"{project} is a program that does not say which shell it may load: add it to LayerTable.ShellOfProgram.";
        }
    }

    /// <summary>
    /// Every project the project references stands in a lower layer: never the same one (peers share through a lower
    /// layer) and never a higher one. A reference to a <c>Spps.*</c> assembly that no project of src/ builds is refused too.
    /// </summary>
    public static IEnumerable<string> References(ProjectGraph graph, string project)
    {
        if (!LayerTable.Layers.TryGetValue(project, out var layer))
        {
            yield return $"{project} has no layer, so its references cannot be checked.";
            yield break;
        }

        foreach (var reference in graph[project].References)
        {
            var target = graph.BuilderOf(reference);
            if (target is null)
            {
                if (reference.StartsWith("Spps.", StringComparison.Ordinal))
                {
                    yield return $"{project} references {reference}, which no project of src/ builds.";
                }
            }
            else if (!LayerTable.Layers.TryGetValue(target.Name, out var targetLayer))
            {
                yield return $"{project} references {target.Name}, which has no layer.";
            }
            else if (targetLayer >= layer)
            {
                yield return $"{project} ({layer}) references {target.Name} ({targetLayer}): a project may reference only projects of a lower layer.";
            }
        }
    }

    /// <summary>A program reaches, directly or through any library, no shell but its own.</summary>
    public static IEnumerable<string> ProgramShells(ProjectGraph graph, string program)
    {
        var own = LayerTable.ShellOfProgram.GetValueOrDefault(program);
        foreach (var (reached, chain) in graph.Reached(program))
        {
            if (reached != own && LayerTable.Layers.GetValueOrDefault(reached) == Layer.Shells)
            {
                yield return $"{program} reaches the shell {reached} ({string.Join(" -> ", chain)}): a program loads only its own shell ({own ?? "none"}).";
            }
        }
    }

    /// <summary>Only the HSM server's host references ASP.NET Core, so that no other program loads a web server.</summary>
    public static IEnumerable<string> WebServer(ProjectGraph graph, string project) =>
        project == LayerTable.WebServerHost
            ? []
            : graph[project].References
                .Where(reference => reference.StartsWith(LayerTable.WebServerAssemblies, StringComparison.Ordinal))
                .Select(reference => $"{project} references {reference}: only {LayerTable.WebServerHost} hosts a web server.");
}
