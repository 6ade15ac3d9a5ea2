using Spps.Hsm.Store;

namespace Spps.Hsm.Roles;

/// <summary>
/// Runs a role's operations for one client and records each outcome in the audit log: <c>ok: …</c> with the HSM's
/// own description of the result, or <c>refused: CODE</c> (with the HSM's note on the rule a request broke). A
/// description never holds a key value.
/// </summary>
internal sealed class AuditedCalls(HsmStore store, string client)
{
    public T Run<T>(string operation, Func<T> run, Func<T, string> describe)
    {
        try
        {
            var result = run();
            store.Audit(client, operation, "ok: " + describe(result));
            return result;
        }
        catch (HsmException error)
        {
            store.Audit(client, operation, "refused: " + error.Code + (error.AuditNote is { } note ? $" ({note})" : string.Empty));
            throw;
        }
    }
}
