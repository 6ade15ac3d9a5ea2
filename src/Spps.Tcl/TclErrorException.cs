namespace Spps.Tcl;

/// <summary>A Tcl evaluation ended in an error that nothing caught.</summary>
public sealed class TclErrorException(string message, string errorInfo, IReadOnlyList<string> errorCode) : Exception(message)
{
    /// <summary>The stack trace Tcl built while the error unwound (the <c>errorInfo</c> variable).</summary>
    public string ErrorInfo { get; } = errorInfo;

    /// <summary>The machine-readable error code (the <c>errorCode</c> variable) as a list.</summary>
    public IReadOnlyList<string> ErrorCode { get; } = errorCode;
}
