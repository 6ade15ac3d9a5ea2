namespace Spps.Hsm;

/// <summary>
/// The HSM refused an operation. <see cref="Code"/> is a short machine-readable kind (e.g. FOREIGN_KEYSET,
/// UNAUTHENTICATED) that travels unchanged from server to client; the message never holds a key value.
/// </summary>
public sealed class HsmException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
