namespace Spps.Tcl.Hosting;

/// <summary>
/// What makes a program on the shared runner (<see cref="ProgramRunner"/>): its name in messages, usage and prompt,
/// how it describes itself, its per-user home folder, and how its commands are installed into an interpreter.
/// </summary>
public sealed record ProgramDefinition
{
    /// <summary>The command's name: <c>jobmanager</c>, <c>fpexpress</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The product, as the interactive banner names it.</summary>
    public required string ProductName { get; init; }

    public required string Version { get; init; }

    /// <summary>One line saying what the program's scripts are for, in the usage text.</summary>
    public required string Summary { get; init; }

    /// <summary>The environment variable naming the home folder (settings, embedded HSM), for the usage text.</summary>
    public required string HomeVariable { get; init; }

    /// <summary>The home folder this run uses.</summary>
    public required string HomeFolder { get; init; }

    /// <summary>Installs the program's commands into an interpreter, with what the runner gives every shell.</summary>
    public required Func<TclInterpreter, ShellEnvironment, IProgramShell> InstallShell { get; init; }
}
