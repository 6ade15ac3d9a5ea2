using Spps.Hsm.Store;

namespace Spps.Hsm.Roles;

/// <summary>The audit log of a role used in this process, on behalf of <paramref name="client"/>.</summary>
internal sealed class ClientAuditLog(HsmStore store, string client) : IAuditLog
{
    public void Record(string operation, string result) => store.Audit(client, operation, result);
}
