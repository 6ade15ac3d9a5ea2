using Spps.Workspace;

namespace Spps.Tcl.Commands;

/// <summary>
/// Which characters a name option accepts (<see cref="OptionKind.Name"/>), decided once for every command of every
/// program (see docs/decisions.md): a refusal names the option, the value and <see cref="Expecting"/>.
/// </summary>
public sealed record NameRule(string Expecting, Func<string, bool> Accepts)
{
    /// <summary>Names of things inside a project or job: Programming Data, bitstreams, jobs, devices, HSM tasks, tickets, memory clients.</summary>
    public static NameRule Entry { get; } = new(EntryName.Expecting, EntryName.IsValid);

    /// <summary>Names that become a file name without a folder: projects, keyset files, job files.</summary>
    public static NameRule File { get; } = new(PortableFileName.Expecting, PortableFileName.IsValid);
}
