namespace Spps.Architecture.Tests;

/// <summary>The layers of DESIGN.md §3, lowest first: a project may reference only projects of a lower layer.</summary>
public enum Layer
{
    Domain,
    Formats,
    Engines,
    Workspace,
    Hosting,
    Shells,
    Programs,
}
