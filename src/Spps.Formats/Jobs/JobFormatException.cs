namespace Spps.Formats.Jobs;

/// <summary>A job container or one of its members cannot be read; the message names the file and the reason.</summary>
public sealed class JobFormatException(string source, string reason) : Exception($"{source}: {reason}.");
