namespace Spps.Formats.Bitstreams;

/// <summary>A built bitstream and the number of 128-bit blocks of each of its components (for the .dat block counts).</summary>
public sealed record BuiltBitstream(byte[] Bytes, IReadOnlyList<int> ComponentBlocks);
