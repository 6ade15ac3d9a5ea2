namespace Spps.Formats.Dat;

/// <summary>A .dat file cannot be read; the message names the file and the problem.</summary>
public sealed class DatFormatException(string source, string reason) : Exception($"'{source}' is not a valid .dat file: {reason}.");
