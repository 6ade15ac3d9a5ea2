namespace Spps.Architecture.Tests;

/// <summary>The rules on small hand-made graphs, so that each is seen to fail on the reference it exists to refuse.</summary>
public class LayerRulesTests
{
    // The shape of today's tree (programs under their command names), to which each test adds one reference.
    private static readonly CompiledProject[] _today =
    [
        new("Spps.Devices", "Spps.Devices", ["System.Runtime"]),
        new("Spps.Formats", "Spps.Formats", ["System.Runtime", "Spps.Devices"]),
        new("Spps.Hsm", "Spps.Hsm", ["Spps.Formats", "Spps.Devices", "Microsoft.Data.Sqlite"]),
        new("Spps.Tcl", "Spps.Tcl", ["System.Runtime"]),
        new("Spps.JobManager", "Spps.JobManager", ["Spps.Tcl", "Spps.Hsm", "Spps.Formats", "Spps.Devices"]),
        new("Spps.Hsm.Server", "Spps.Hsm.Server", ["Spps.Hsm", "Microsoft.AspNetCore.Http.Abstractions"]),
        new("Spps.Cli.JobManager", "jobmanager", ["Spps.JobManager", "Spps.Tcl"]),
        new("Spps.Cli.Hsm", "spps-hsm", ["Spps.Hsm.Server", "Spps.Hsm"]),
        new("Spps.Cli.JdcGen", "jdcgen", ["Spps.Formats"]),
    ];

    private static CompiledProject[] With(string project, params string[] references) =>
        [.. _today.Select(compiled => compiled.Name == project ? compiled with { References = [.. compiled.References, .. references] } : compiled)];

    private static List<string> Violations(IEnumerable<CompiledProject> projects)
    {
        var graph = new ProjectGraph(projects);
        return [.. _today.SelectMany(project => LayerRules.References(graph, project.Name)
            .Concat(LayerRules.WebServer(graph, project.Name))
            .Concat(LayerTable.Layers.GetValueOrDefault(project.Name) == Layer.Programs ? LayerRules.ProgramShells(graph, project.Name) : []))];
    }

    [Fact]
    public void Todays_shape_breaks_no_rule() => Assert.Empty(Violations(_today));

    [Theory]
    // A lower layer never references a higher one.
    [InlineData("Spps.Formats", "Spps.Hsm",
        "Spps.Formats (Formats) references Spps.Hsm (Engines): a project may reference only projects of a lower layer.")]
    // Nor a peer of its own layer (and through the peer, a program would load another's shell).
    [InlineData("Spps.Hsm.Server", "Spps.JobManager",
        "Spps.Hsm.Server (Shells) references Spps.JobManager (Shells): a project may reference only projects of a lower layer.",
        "Spps.Cli.Hsm reaches the shell Spps.JobManager (Spps.Cli.Hsm -> Spps.Hsm.Server -> Spps.JobManager): a program loads only its own shell (Spps.Hsm.Server).")]
    // The Tcl host stands below every shell.
    [InlineData("Spps.Tcl", "Spps.JobManager",
        "Spps.Tcl (Hosting) references Spps.JobManager (Shells): a project may reference only projects of a lower layer.")]
    // A program loads only its own shell.
    [InlineData("Spps.Cli.JobManager", "Spps.Hsm.Server",
        "Spps.Cli.JobManager reaches the shell Spps.Hsm.Server (Spps.Cli.JobManager -> Spps.Hsm.Server): a program loads only its own shell (Spps.JobManager).")]
    // A program never references another program, found by its command name.
    [InlineData("Spps.Cli.JdcGen", "jobmanager",
        "Spps.Cli.JdcGen (Programs) references Spps.Cli.JobManager (Programs): a project may reference only projects of a lower layer.",
        "Spps.Cli.JdcGen reaches the shell Spps.JobManager (Spps.Cli.JdcGen -> Spps.Cli.JobManager -> Spps.JobManager): a program loads only its own shell (none).")]
    [InlineData("Spps.JobManager", "Microsoft.AspNetCore.Http.Abstractions",
        "Spps.JobManager references Microsoft.AspNetCore.Http.Abstractions: only Spps.Hsm.Server hosts a web server.")]
    [InlineData("Spps.Hsm", "Spps.Secrets", "Spps.Hsm references Spps.Secrets, which no project of src/ builds.")]
    public void A_forbidden_reference_is_refused_in_a_sentence_that_names_it(string project, string reference, params string[] expected) =>
        Assert.Equal(expected, Violations(With(project, reference)));

    [Fact]
    public void The_tcl_host_may_stand_on_the_lower_layers() =>
        Assert.Empty(Violations(With("Spps.Tcl", "Spps.Devices", "Spps.Formats", "Spps.Hsm")));

    [Fact]
    public void A_program_reaching_another_programs_shell_through_a_library_is_refused()
    {
        var violations = Violations(With("Spps.JobManager", "Spps.Hsm.Server"));
        Assert.Contains(
            "Spps.Cli.JobManager reaches the shell Spps.Hsm.Server (Spps.Cli.JobManager -> Spps.JobManager -> Spps.Hsm.Server): a program loads only its own shell (Spps.JobManager).",
            violations);
        Assert.Contains("Spps.JobManager (Shells) references Spps.Hsm.Server (Shells): a project may reference only projects of a lower layer.", violations);
    }

    [Fact]
    public void A_project_without_a_layer_is_refused_and_so_is_a_reference_to_it()
    {
        Assert.Equal(["Spps.Gadgets has no layer: add it to LayerTable.Layers where docs/architecture.md says its kind of code goes."], LayerRules.Placement("Spps.Gadgets"));
        var graph = new ProjectGraph([.. With("Spps.Formats", "Spps.Gadgets"), new("Spps.Gadgets", "Spps.Gadgets", [])]);
        Assert.Equal(["Spps.Gadgets has no layer, so its references cannot be checked."], LayerRules.References(graph, "Spps.Gadgets"));
        Assert.Equal(["Spps.Formats references Spps.Gadgets, which has no layer."], LayerRules.References(graph, "Spps.Formats"));
    }

    [Fact]
    public void Every_program_of_the_table_says_which_shell_it_may_load() =>
        Assert.Empty(LayerTable.Layers.Where(entry => entry.Value == Layer.Programs).SelectMany(entry => LayerRules.Placement(entry.Key)));
}
