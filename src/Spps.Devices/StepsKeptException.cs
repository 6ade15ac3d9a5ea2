namespace Spps.Devices;

/// <summary>
/// A long operation cancelled between two steps whose earlier steps cannot be taken back (a device already programmed
/// and recorded): the message says what stays, so the user is not told that nothing happened.
/// </summary>
public sealed class StepsKeptException(string kept, CancellationToken cancellation) : OperationCanceledException(kept, cancellation);
