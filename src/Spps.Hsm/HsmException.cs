using Spps.Devices;

namespace Spps.Hsm;

/// <summary>
/// The HSM refused an operation. <see cref="Code"/> is a short machine-readable kind (e.g. FOREIGN_KEYSET,
/// UNAUTHENTICATED, POLICY) that travels unchanged from server to client; the message never holds a key value. To a
/// script it is an error with the code <c>SPPS HSM &lt;code&gt;</c>.
/// </summary>
public sealed class HsmException(string code, string message) : DomainException(message, "HSM", code)
{
    public string Code { get; } = code;

    /// <summary>
    /// What the audit log records beside the code, when the HSM wrote the whole text itself (the rule a sealing
    /// request broke); never set from a value a client sent, since a client could put a key there.
    /// </summary>
    public string? AuditNote { get; init; }
}
