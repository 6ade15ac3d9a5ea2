namespace Spps.Tcl.Native;

/// <summary>Tcl cannot be used: the runtime library is missing or does not initialise. The message says what to do.</summary>
public sealed class TclUnavailableException(string message) : Exception(message);
