namespace Spps.Hsm;

/// <summary>
/// The manufacturer-HSM (M-HSM) role as its callers see it: the module that processes job requests, holds the
/// tickets' counters and answers for the devices a contract manufacturer programs. Its operations come with the HSM
/// task flow (docs/security.md).
/// </summary>
public interface IManufacturerHsm : IHsmRole;
