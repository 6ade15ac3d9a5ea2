namespace Spps.Testing;

/// <summary>
/// A reader to fuzz: valid files to start from, how to read one (given the bytes and the name the reader must quote in
/// its errors), and which exception is the reader's documented format error. Anything else it throws is a defect.
/// </summary>
public sealed record FuzzTarget(string Reader, IReadOnlyList<byte[]> Seeds, Action<byte[], string> Read, Func<Exception, bool> IsFormatError)
{
    /// <summary>The name the reader is given for each input; its errors must quote it.</summary>
    public string Source { get; init; } = "fuzzed-input";

    /// <summary>Mutations that know the format (rewrite a JSON value, drop a part, ...), used beside the byte-level ones.</summary>
    public IReadOnlyList<Mutation> StructuredMutations { get; init; } = [];

    /// <summary>
    /// Makes a mutant consistent again (its CRC, its length field, its checksums), so that it passes the first checks and
    /// reaches the deeper ones; applied to half of the mutants when given.
    /// </summary>
    public Func<byte[], byte[]>? Repair { get; init; }
}

/// <summary>A named way to change an input; <c>Apply</c> gets the input and every seed (for splices).</summary>
public sealed record Mutation(string Name, Func<Random, byte[], IReadOnlyList<byte[]>, byte[]> Apply);
