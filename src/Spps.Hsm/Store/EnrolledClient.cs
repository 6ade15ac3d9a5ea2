namespace Spps.Hsm.Store;

/// <summary>A client enrolled with the module: its id, its name for the audit log, its request-signing secret, and the role it may use (user or manufacturer).</summary>
internal sealed record EnrolledClient(string Id, string Name, byte[] Secret, string Role);
