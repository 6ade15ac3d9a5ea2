using Spps.Tcl;

namespace Spps.JobManager;

/// <summary>
/// An error the user can act on, raised by a Job Manager service. Its message names the offending value and what
/// is accepted; its error code (SPPS, kind, details) lets scripts <c>catch</c> it by kind.
/// </summary>
public sealed class JobManagerException(string message, params IReadOnlyList<string> errorCode)
    : TclCommandException(message, ["SPPS", .. errorCode]);
