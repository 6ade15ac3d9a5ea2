namespace Spps.Formats.CommandLines;

/// <summary>A program's arguments are wrong (exit code 2); the message names the argument and what is accepted.</summary>
public sealed class UsageException(string message) : Exception(message);
