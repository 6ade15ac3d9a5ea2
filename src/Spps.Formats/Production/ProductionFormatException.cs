namespace Spps.Formats.Production;

/// <summary>
/// A production record (factory file, device certificate, user key statement, challenge, authorisation code, named
/// entries, certificate of conformance) cannot be used; the message names where it came from and what is wrong.
/// </summary>
public sealed class ProductionFormatException(string source, string reason) : Exception($"{source}: {reason}.");
