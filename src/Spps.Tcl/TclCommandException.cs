namespace Spps.Tcl;

/// <summary>
/// Thrown by a command handler for an error the user can act on. It becomes a Tcl error whose result is
/// <see cref="Exception.Message"/> and whose <c>errorCode</c> is <see cref="ErrorCode"/>, so scripts can <c>catch</c> it.
/// </summary>
public class TclCommandException(string message, IReadOnlyList<string> errorCode) : Exception(message)
{
    public IReadOnlyList<string> ErrorCode { get; } = errorCode;
}
