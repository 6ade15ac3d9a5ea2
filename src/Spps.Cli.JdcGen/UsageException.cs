namespace Spps.Cli.JdcGen;

/// <summary>The program's arguments are wrong (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
