namespace Spps.Cli.Bench;

/// <summary>The program's arguments are wrong (exit code 2); the message names the option and what it accepts.</summary>
internal sealed class UsageException(string message) : Exception(message);
