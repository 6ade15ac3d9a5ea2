namespace Spps.Tcl.Hosting;

/// <summary>The program's own arguments are wrong (exit code 2); the message says which and what is accepted.</summary>
internal sealed class UsageException(string message) : Exception(message);
