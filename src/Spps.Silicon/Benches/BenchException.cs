namespace Spps.Silicon.Benches;

/// <summary>
/// A bench cannot be made, opened or used as asked: the message names the folder, file, board or value and what is
/// accepted. Nothing was created or changed.
/// </summary>
public sealed class BenchException(string message) : Exception(message);
