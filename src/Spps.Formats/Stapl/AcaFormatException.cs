namespace Spps.Formats.Stapl;

/// <summary>An ACA-compressed array cannot be decoded; the message says why.</summary>
public sealed class AcaFormatException(string message) : Exception(message);
