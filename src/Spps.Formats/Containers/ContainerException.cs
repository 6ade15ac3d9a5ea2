namespace Spps.Formats.Containers;

/// <summary>A container could not be read or is not what it claims; the message names the file and the problem.</summary>
public sealed class ContainerException(string message) : Exception(message);
