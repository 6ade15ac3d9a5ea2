namespace Spps.Architecture.Tests;

/// <summary>
/// Where each project of src/ stands (docs/architecture.md draws it). Projects still to come are here already, so they
/// are guarded from the day they appear; a project the table does not know fails the tests until it is placed.
/// </summary>
public static class LayerTable
{
    public static IReadOnlyDictionary<string, Layer> Layers { get; } = new Dictionary<string, Layer>
    {
        ["Spps.Devices"] = Layer.Domain,
        ["Spps.Formats"] = Layer.Formats,
        ["Spps.Hsm"] = Layer.Engines,
        ["Spps.Silicon"] = Layer.Engines,
        ["Spps.Workspace"] = Layer.Workspace,
        ["Spps.Tcl"] = Layer.Hosting,
        ["Spps.JobManager"] = Layer.Shells,
        ["Spps.FpExpress"] = Layer.Shells,
        ["Spps.Hsm.Server"] = Layer.Shells,
        ["Spps.Cli.JobManager"] = Layer.Programs,
        ["Spps.Cli.FpExpress"] = Layer.Programs,
        ["Spps.Cli.Bench"] = Layer.Programs,
        ["Spps.Cli.Hsm"] = Layer.Programs,
        ["Spps.Cli.JdcGen"] = Layer.Programs,
    };

    /// <summary>
    /// The one shell each program is the Main of, or null for a program without one. A program must not load another
    /// program's shell, not even through a library: <c>jobmanager</c> talks to an HSM server but never hosts one.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ShellOfProgram { get; } = new Dictionary<string, string?>
    {
        ["Spps.Cli.JobManager"] = "Spps.JobManager",
        ["Spps.Cli.FpExpress"] = "Spps.FpExpress",
        ["Spps.Cli.Bench"] = null,
        ["Spps.Cli.Hsm"] = "Spps.Hsm.Server",
        ["Spps.Cli.JdcGen"] = null,
    };

    /// <summary>The only project that may reference the web server, so that no other program loads one.</summary>
    public const string WebServerHost = "Spps.Hsm.Server";

    /// <summary>The assemblies of the web server (ASP.NET Core's shared framework).</summary>
    public const string WebServerAssemblies = "Microsoft.AspNetCore.";
}
