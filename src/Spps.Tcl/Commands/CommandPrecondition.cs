using Spps.Devices;

namespace Spps.Tcl.Commands;

/// <summary>
/// A state a command needs before it runs — an open project, HSM settings — declared in the command's table. The
/// framework checks it after the options and before the handler, so every command that needs it refuses with the same
/// message, and <c>help</c> lists it. <paramref name="Problem"/> returns the refusal when the state is missing, else null.
/// </summary>
public sealed record CommandPrecondition(string Needs, Func<DomainException?> Problem);
