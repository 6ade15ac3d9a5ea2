namespace Spps.Tcl;

/// <summary>The standard channels a command may write to through Tcl, so its output interleaves with <c>puts</c>.</summary>
public enum TclChannel
{
    Stdout,
    Stderr,
}
