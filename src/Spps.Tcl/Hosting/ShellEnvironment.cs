using Spps.Formats.Files;

namespace Spps.Tcl.Hosting;

/// <summary>
/// What a program's shell gets from the runner: its home folder (settings, embedded HSM) and the clock every time it
/// writes into an output file comes from (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set).
/// </summary>
public sealed record ShellEnvironment(string HomeFolder, TimeProvider OutputClock);
