namespace Spps.Hsm.Store;

/// <summary>A client enrolled with the module, as an administrator sees it: its id, name, role and when it was enrolled. Never its secret.</summary>
public sealed record ClientEnrolment(string Id, string Name, string Role, DateTimeOffset Enrolled);
