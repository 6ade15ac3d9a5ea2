namespace Spps.Hsm.Protocol;

/// <summary>What a module says about itself: identity, roles and counts. Never a secret.</summary>
public sealed record ModuleInfo(string UHsmUuid, string UMasterHsmUuid, string MHsmUuid, IReadOnlyList<string> Roles,
    DateTimeOffset Created, long EnrolledClients, long AuditEntries);
