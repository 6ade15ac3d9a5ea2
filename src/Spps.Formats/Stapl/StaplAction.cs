namespace Spps.Formats.Stapl;

/// <summary>An ACTION: its name and the procedures it runs, each with its qualifier (OPTIONAL, RECOMMENDED or none).</summary>
public sealed record StaplAction(string Name, IReadOnlyList<(string Procedure, string? Qualifier)> Steps);
