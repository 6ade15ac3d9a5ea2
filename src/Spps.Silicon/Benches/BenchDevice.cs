namespace Spps.Silicon.Benches;

/// <summary>
/// A device at <paramref name="Position"/> (1 at TDI) of a board's chain: a Microchip device is a
/// <see cref="VirtualDevice"/>; another maker's device has none and stays in BYPASS.
/// </summary>
public sealed record BenchDevice(int Position, ChainEntry Entry, VirtualDevice? Device);
