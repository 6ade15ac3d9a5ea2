namespace Spps.Tcl.Commands;

/// <summary>Carries out a command whose options have been parsed and checked; returns the command's Tcl result.</summary>
public delegate string CommandHandler(CommandContext context, ParsedOptions options);
