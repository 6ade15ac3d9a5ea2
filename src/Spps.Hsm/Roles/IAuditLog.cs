namespace Spps.Hsm.Roles;

/// <summary>
/// Where a role records the outcome of each call: straight into the store for a module in this process
/// (<see cref="ClientAuditLog"/>), or, for a request served over the network, in one write with the request's nonce
/// (<see cref="Access.AuthenticRequest"/>). Callers pass descriptions only, never a key value.
/// </summary>
internal interface IAuditLog
{
    void Record(string operation, string result);
}
