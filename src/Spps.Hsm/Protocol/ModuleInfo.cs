namespace Spps.Hsm.Protocol;

/// <summary>
/// What a module says about itself: identity, roles, counts, its security world (whose id is the SHA-256 of the
/// root's public key; the development world's root is published) and the device factory whose devices its M-HSM
/// serves (id the SHA-256 of its CA's public key; the development factory's seed is published). Never a secret.
/// </summary>
public sealed record ModuleInfo(string UHsmUuid, string UMasterHsmUuid, string MHsmUuid, IReadOnlyList<string> Roles,
    DateTimeOffset Created, long EnrolledClients, long AuditEntries, string WorldId, bool DevelopmentWorld, string FactoryId, bool DevelopmentFactory);
