namespace Spps.Hsm.Store;

/// <summary>A client enrolled with the module: its id, its name for the audit log, and its request-signing secret.</summary>
internal sealed record EnrolledClient(string Id, string Name, byte[] Secret);
