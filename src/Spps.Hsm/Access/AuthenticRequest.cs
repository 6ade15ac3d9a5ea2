using Spps.Hsm.Roles;

namespace Spps.Hsm.Access;

/// <summary>A request whose signature has been verified: who sent it, and where its outcome is recorded.</summary>
public sealed class AuthenticRequest
{
    internal AuthenticRequest(string client, IAuditLog audit)
    {
        Client = client;
        Audit = audit;
    }

    /// <summary>The client as the audit log and the server's log name it: its enrolled name and id.</summary>
    public string Client { get; }

    /// <summary>The request's audit log, which records its nonce with its first row (<see cref="RequestAuditLog"/>).</summary>
    internal IAuditLog Audit { get; }
}
