namespace Spps.Hsm.Roles;

/// <summary>
/// Runs a role's operations and records each outcome in its audit log: <c>ok: …</c> with the HSM's own description of
/// the result, or <c>refused: CODE</c> (with the HSM's note on the rule a request broke). A description never holds a
/// key value.
/// </summary>
internal sealed class AuditedCalls(IAuditLog audit)
{
    // Recording the success is outside the try: a failure to record it (a replayed request's) is not a refusal of the operation.
    public T Run<T>(string operation, Func<T> run, Func<T, string> describe)
    {
        T result;
        try
        {
            result = run();
        }
        catch (HsmException error)
        {
            audit.Record(operation, "refused: " + error.Code + (error.AuditNote is { } note ? $" ({note})" : string.Empty));
            throw;
        }

        audit.Record(operation, "ok: " + describe(result));
        return result;
    }
}
