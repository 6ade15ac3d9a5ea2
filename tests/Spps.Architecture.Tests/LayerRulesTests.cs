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

    [Fact]
    public void A_lower_layer_referencing_a_higher_one_is_refused() =>
        Assert.Equal(
            ["Spps.Formats (Formats) references Spps.Hsm (Engines): a project may reference only projects of a lower layer."],
            Violations(With("Spps.Formats", "Spps.Hsm")));

    [Fact]
    public void Peers_of_one_layer_do_not_reference_each_other() =>
        Assert.Equal(
            ["Spps.Hsm.Server (Shells) references Spps.JobManager (Shells): a project may reference only projects of a lower layer.",
             "Spps.Cli.Hsm reaches the shell Spps.JobManager (Spps.Cli.Hsm -> Spps.Hsm.Server -> Spps.JobManager): a program loads only its own shell (Spps.Hsm.Server)."],
            Violations(With("Spps.Hsm.Server", "Spps.JobManager")));

    [Fact]
    public void The_tcl_host_may_stand_on_the_lower_layers_but_never_on_a_shell()
    {
        Assert.Empty(Violations(With("Spps.Tcl", "Spps.Devices", "Spps.Formats", "Spps.Hsm")));
        Assert.Equal(
            ["Spps.Tcl (Hosting) references Spps.JobManager (Shells): a project may reference only projects of a lower layer."],
            Violations(With("Spps.Tcl", "Spps.JobManager")));
    }

    [Fact]
    public void A_program_referencing_another_programs_shell_is_refused() =>
        Assert.Equal(
            ["Spps.Cli.JobManager reaches the shell Spps.Hsm.Server (Spps.Cli.JobManager -> Spps.Hsm.Server): a program loads only its own shell (Spps.JobManager)."],
            Violations(With("Spps.Cli.JobManager", "Spps.Hsm.Server")));

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
    public void A_program_referencing_another_program_is_refused_under_its_command_name() =>
        Assert.Equal(
            ["Spps.Cli.JdcGen (Programs) references Spps.Cli.JobManager (Programs): a project may reference only projects of a lower layer.",
             "Spps.Cli.JdcGen reaches the shell Spps.JobManager (Spps.Cli.JdcGen -> Spps.Cli.JobManager -> Spps.JobManager): a program loads only its own shell (none)."],
            Violations(With("Spps.Cli.JdcGen", "jobmanager")));

    [Fact]
    public void Only_the_hsm_server_host_may_reference_the_web_server() =>
        Assert.Equal(
            ["Spps.JobManager references Microsoft.AspNetCore.Http.Abstractions: only Spps.Hsm.Server hosts a web server."],
            Violations(With("Spps.JobManager", "Microsoft.AspNetCore.Http.Abstractions")));

    [Fact]
    public void A_reference_to_a_spps_assembly_that_no_project_builds_is_refused() =>
        Assert.Equal(["Spps.Hsm references Spps.Secrets, which no project of src/ builds."], Violations(With("Spps.Hsm", "Spps.Secrets")));

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
