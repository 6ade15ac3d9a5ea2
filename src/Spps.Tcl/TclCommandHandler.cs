namespace Spps.Tcl;

/// <summary>
/// Implements a Tcl command. <paramref name="arguments"/> excludes the command word. The return value becomes the
/// command's result; throw <see cref="TclCommandException"/> for a user error.
/// </summary>
public delegate string TclCommandHandler(TclInterpreter interpreter, string commandName, IReadOnlyList<string> arguments);
