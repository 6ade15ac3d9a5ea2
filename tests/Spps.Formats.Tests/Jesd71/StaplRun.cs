namespace Spps.Formats.Tests.Jesd71;

/// <summary>An EXPORT: an integer, or a Boolean array (bit 0 first).</summary>
internal sealed record StaplExport(string Key, bool[] Bits)
{
    /// <summary>The exported bits as a number, bit 0 the least significant (at most 64 bits).</summary>
    public ulong Value => StaplBits.Number(Bits);
}

/// <summary>What running one ACTION gave: the EXIT code, what was exported and what was printed, in order.</summary>
internal sealed record StaplRun(int ExitCode, IReadOnlyList<StaplExport> Exports, IReadOnlyList<string> Printed)
{
    /// <summary>The last value exported under <paramref name="key"/>, or null.</summary>
    public ulong? Exported(string key) => Exports.LastOrDefault(export => export.Key == key)?.Value;
}
