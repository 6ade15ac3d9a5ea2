using Spps.Workspace.Projects;

namespace Spps.Workspace.Tests;

/// <summary>A project section owned by the tests, standing in for the sections later areas add.</summary>
public sealed class NotesSection : IProjectSection
{
    public static string SectionName => "testNotes";

    public List<string> Notes { get; set; } = [];
}
