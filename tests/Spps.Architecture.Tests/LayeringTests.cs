namespace Spps.Architecture.Tests;

/// <summary>
/// The layering of docs/architecture.md, checked on the assemblies built from src/: one case per project, so a failure
/// names the project and the reference to remove.
/// </summary>
public class LayeringTests
{
    // Lazy: a project whose assembly is missing fails every test with the reader's message, not a type initialiser's.
    private static readonly Lazy<ProjectGraph> _graph = new(CompiledProjects.Read);

    public static TheoryData<string> Projects => [.. CompiledProjects.Names()];

    public static TheoryData<string> Programs =>
        [.. CompiledProjects.Names().Where(name => LayerTable.Layers.GetValueOrDefault(name) == Layer.Programs)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_project_has_a_place_in_the_layer_table(string project) => AssertNone(LayerRules.Placement(project));

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_projects_of_lower_layers(string project) => AssertNone(LayerRules.References(_graph.Value, project));

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_program_loads_no_shell_but_its_own(string program) => AssertNone(LayerRules.ProgramShells(_graph.Value, program));

    [Theory]
    [MemberData(nameof(Projects))]
    public void Only_the_hsm_server_host_references_the_web_server(string project) => AssertNone(LayerRules.WebServer(_graph.Value, project));

    [Fact]
    public void The_references_are_read_from_the_compiled_assemblies()
    {
        // The checks above would pass on a graph without edges; this one shows that the edges are really read, the
        // programs' own assembly names (jobmanager, spps-hsm) included.
        Assert.Contains("Spps.Devices", _graph.Value["Spps.Formats"].References);
        Assert.Equal("Spps.Cli.JobManager", _graph.Value.BuilderOf("jobmanager")?.Name);
        Assert.Contains("Spps.Hsm.Server", _graph.Value.Reached("Spps.Cli.Hsm").Keys);
    }

    // Each violation in full, one a line (a collection assertion would cut the sentences short).
    private static void AssertNone(IEnumerable<string> violations)
    {
        var found = violations.ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
