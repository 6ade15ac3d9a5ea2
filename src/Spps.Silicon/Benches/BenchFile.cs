using System.Globalization;
using Spps.Devices;

namespace Spps.Silicon.Benches;

/// <summary>
/// <c>bench.json</c> (format <c>spps-bench</c>, docs/formats/bench.md): the factory the devices were made by, the
/// number of boards and the chain every board has, from TDI.
/// </summary>
internal static class BenchFile
{
    public const string FileName = "bench.json";
    public const string Format = "spps-bench";
    public const int Version = 1;

    public static byte[] ToBytes(string factoryId, int boards, IReadOnlyList<ChainEntry> chain) =>
        BenchJson.ToBytes(new BenchRecord(Format, Version, factoryId, boards, [.. chain.Select(ToRecord)]));

    public static (string FactoryId, int Boards, IReadOnlyList<ChainEntry> Chain) Read(ReadOnlySpan<byte> bytes, string path)
    {
        var source = $"The bench file '{path}'";
        var record = BenchJson.Read<BenchRecord>(bytes, source, $"a {Format} file written by 'spps-bench create'");
        var problem = record switch
        {
            { Format: not Format } => $"its format is not {Format}",
            { Version: not Version } => $"its version {record.Version} is not {Version}",
            { Boards: < 1 } => $"its number of boards {record.Boards} is not positive",
            { Chain.Count: 0 } => "its chain is empty",
            _ when record.Chain.Any(entry => entry is null) => "its chain has a null device",
            _ when record.Factory.Length != 64 || !record.Factory.All(char.IsAsciiHexDigitLower) => "its factory id is not 64 lower-case hex digits",
            _ => null,
        };
        return problem is null
            ? (record.Factory, record.Boards, [.. record.Chain.Select((entry, index) => FromRecord(entry, index + 1, source))])
            : throw new BenchException($"{source} cannot be used: {problem}.");
    }

    private static ChainRecord ToRecord(ChainEntry entry) => entry.Die is { } die
        ? new ChainRecord(die.Name, null, null, null)
        : new ChainRecord(null, entry.Name, entry.IdCode?.ToString("X8", CultureInfo.InvariantCulture), entry.IrLength);

    private static ChainEntry FromRecord(ChainRecord record, int position, string source)
    {
        var refused = new BenchException($"{source} cannot be used: device {position} of its chain is neither a die of the catalog nor a device with a name and an IR length of 1 to 32.");
        if (record.Die is { } name)
        {
            return DeviceCatalog.TryFind(name, out var variant) && variant!.Die.Name == name && record.Name is null
                ? ChainEntry.Microchip(variant.Die)
                : throw refused;
        }

        uint? idCode = record.IdCode is null ? null
            : record.IdCode.Length == 8 && uint.TryParse(record.IdCode, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : throw refused;
        return record is { Name.Length: > 0, IrLength: >= 1 and <= 32 } ? ChainEntry.Bypass(record.Name, idCode, record.IrLength.Value) : throw refused;
    }

    private sealed record BenchRecord(string Format, int Version, string Factory, int Boards, IReadOnlyList<ChainRecord> Chain);

    private sealed record ChainRecord(string? Die, string? Name, string? IdCode, int? IrLength);
}
