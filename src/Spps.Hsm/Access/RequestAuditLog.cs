using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Store;

namespace Spps.Hsm.Access;

/// <summary>
/// The audit log of one authentic request. Its first row is written in one transaction with the request's nonce, so
/// an authentic request costs one durable write and its nonce is recorded before any reply; when a replay spent the
/// nonce first, nothing is written and the request is refused as REPLAYED.
/// </summary>
internal sealed class RequestAuditLog(HsmStore store, RequestClaim claim, string client, TimeProvider clock) : IAuditLog
{
    private bool _nonceRecorded;

    public void Record(string operation, string result)
    {
        if (_nonceRecorded)
        {
            store.Audit(client, operation, result); // a later row of the same request: a failure after its outcome
            return;
        }

        var now = clock.GetUtcNow();
        _nonceRecorded = store.RecordRequest(claim.Client.Id, claim.Seconds, claim.Nonce, now - 2 * RequestSignature.MaximumClockSkew, client, operation, result)
            ? true
            : throw RequestAuthenticator.Replayed();
    }
}
