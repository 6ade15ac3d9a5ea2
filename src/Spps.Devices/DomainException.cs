namespace Spps.Devices;

/// <summary>
/// An error the user can act on, raised by any service of any program. Its message names the offending value and what
/// is accepted; its error code (<c>SPPS</c>, the kind, then details such as the offending value) lets scripts
/// <c>catch</c> it by kind. The command framework turns it into a Tcl error; nothing below the shells knows of Tcl.
/// </summary>
public class DomainException(string message, params IReadOnlyList<string> errorCode) : Exception(message)
{
    public IReadOnlyList<string> ErrorCode { get; } = ["SPPS", .. errorCode];
}
