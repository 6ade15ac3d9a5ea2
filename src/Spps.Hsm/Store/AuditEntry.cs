namespace Spps.Hsm.Store;

/// <summary>One line of the audit log: when, which client, what operation, with what result. Never a key value.</summary>
public sealed record AuditEntry(string Time, string Client, string Operation, string Result);
