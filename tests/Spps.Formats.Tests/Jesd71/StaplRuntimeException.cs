namespace Spps.Formats.Tests.Jesd71;

/// <summary>A statement the interpreter cannot run (a syntax it does not know, a type mismatch, a bound exceeded).</summary>
internal sealed class StaplRuntimeException(string message) : Exception(message);
