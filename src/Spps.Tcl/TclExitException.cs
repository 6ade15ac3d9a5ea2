namespace Spps.Tcl;

/// <summary>The script called <c>exit</c>; evaluation has unwound and the process should end with <see cref="ExitCode"/>.</summary>
public sealed class TclExitException(int exitCode) : Exception($"The script called exit {exitCode}.")
{
    public int ExitCode { get; } = exitCode;
}
