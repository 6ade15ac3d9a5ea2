namespace Spps.Hsm.Store;

/// <summary>Which module this is: the UUIDs of its user role, its master key and its manufacturer role.</summary>
public sealed record ModuleIdentity(string UHsmUuid, string UMasterHsmUuid, string MHsmUuid, DateTimeOffset Created);
