using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>The manufacturer-HSM role of a module, acting for a client named in the audit log.</summary>
internal sealed class ManufacturerHsmRole(HsmModule module) : IManufacturerHsm
{
    public ModuleInfo GetInfo() => module.Info();

    public void Dispose()
    {
        // An embedded role holds nothing beyond the module.
    }
}
