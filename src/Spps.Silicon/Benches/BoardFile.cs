using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Silicon.Benches;

/// <summary>
/// <c>board-N.json</c> (format <c>spps-bench-board</c>, docs/formats/bench.md): the state of each Microchip device of
/// board N in clear, and its secrets sealed under the bench's key.
/// </summary>
internal static class BoardFile
{
    public const string Format = "spps-bench-board";
    public const int Version = 2;

    // Version 1 had no debug state: its devices read as never unlocked, and are written back as version 2.
    private const int FirstVersion = 1;

    public static string FileName(int board) => $"board-{board}.json";

    public static byte[] ToBytes(BenchKey key, int board, IEnumerable<BenchDevice> devices) =>
        BenchJson.ToBytes(new BoardRecord(Format, Version, board, [.. devices.Where(device => device.Device is not null).Select(device =>
        {
            var plain = BenchJson.ToBytes(SecretsRecord.Of(device.Device!.Secrets));
            try
            {
                return new DeviceRecord(device.Position, device.Device.State, key.Seal(plain, Context(board, device.Position, device.Device.State.Dsn)));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        })]));

    /// <summary>The board's devices in chain order; anything but a file this bench wrote for this board is refused naming it.</summary>
    public static IReadOnlyList<BenchDevice> Read(ReadOnlySpan<byte> bytes, string path, BenchKey key, int board, IReadOnlyList<ChainEntry> chain)
    {
        var source = $"The board file '{path}'";
        var record = BenchJson.Read<BoardRecord>(bytes, source, $"a {Format} file written by 'spps-bench'");
        var microchip = chain.Select((entry, index) => (entry, position: index + 1)).Where(pair => pair.entry.IsMicrochip).Select(pair => pair.position);
        var problem = record switch
        {
            { Format: not Format } => $"its format is not {Format}",
            { Version: not (FirstVersion or Version) } => $"its version {record.Version} is not {FirstVersion} or {Version}",
            _ when record.Board != board => $"it is the file of board {record.Board}, not {board}",
            _ when record.Devices.Any(device => device is null) || !record.Devices.Select(device => device.Position).SequenceEqual(microchip) =>
                "its devices are not the Microchip devices of the bench's chain",
            _ => null,
        };
        if (problem is not null)
        {
            throw new BenchException($"{source} cannot be used: {problem}.");
        }

        if (record.Version == FirstVersion)
        {
            record.Devices.ToList().ForEach(device => device.State.DebugUnlocked = false);
        }

        var devices = record.Devices.ToDictionary(device => device.Position);
        return [.. chain.Select((entry, index) => new BenchDevice(index + 1, entry,
            devices.TryGetValue(index + 1, out var device) ? Device(device, entry.Die!, key, board, source) : null))];
    }

    // Secrets sealed for another board, position or DSN do not open: a device cannot be given another's keys.
    private static string Context(int board, int position, string dsn) => $"spps-bench device|board {board}|position {position}|{dsn}";

    private static VirtualDevice Device(DeviceRecord record, Die die, BenchKey key, int board, string boardSource)
    {
        var source = $"{boardSource}, device {record.Position}";
        var state = record.State;
        var dsn = Dsn.TryParse(state.Dsn);
        var problem = state switch
        {
            _ when state.Die != die.Name => $"its die {state.Die} is not the chain's {die.Name}",
            _ when dsn is null || dsn.ToString() != state.Dsn => "its DSN is not 32 upper-case hex digits",
            { Cycles: < 0 } => "its cycle count is negative",
            _ when state.UserKeys.Any(name => !KeyNames.User.Contains(name)) => "it names a user key that does not exist",
            _ when state.Components.Any(pair => pair.Key is null || pair.Value is not { Length: 64 } || !pair.Value.All(char.IsAsciiHexDigit)) =>
                "a component digest is not 64 hex digits",
            _ => CertificateProblem(state, die, dsn!, source),
        };
        if (problem is not null)
        {
            throw new BenchException($"{source} cannot be used: {problem}.");
        }

        state.Components = new SortedDictionary<string, string>(state.Components, StringComparer.Ordinal);
        var plain = key.Open(record.Secrets, Context(board, record.Position, state.Dsn), source);
        try
        {
            return new VirtualDevice(die, state, BenchJson.Read<SecretsRecord>(plain, source + "'s secrets", "a device's secrets").ToSecrets(source));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static string? CertificateProblem(DeviceState state, Die die, Dsn dsn, string source)
    {
        try
        {
            var certificate = DeviceCertificate.Read(state.Certificate, source + "'s certificate");
            _ = UserKeyStatement.Read(state.UserKeyStatement, source + "'s user key statement");
            return certificate.Dsn.Equals(dsn) && certificate.IdCode == die.IdCode ? null : "its certificate is of another device";
        }
        catch (ProductionFormatException error)
        {
            return error.Message.TrimEnd('.');
        }
    }

    private sealed record BoardRecord(string Format, int Version, int Board, IReadOnlyList<DeviceRecord> Devices);

    private sealed record DeviceRecord(int Position, DeviceState State, byte[] Secrets);

    private sealed record SecretsRecord(byte[] FactoryKey, byte[] FactoryPrivateKey, byte[] UserPrivateKey, Dictionary<string, byte[]> UserKeys, byte[]? ChallengePrivateKey)
    {
        public static SecretsRecord Of(DeviceSecrets secrets) =>
            new(secrets.FactoryKey, secrets.FactoryPrivateKey, secrets.UserPrivateKey, secrets.UserKeys, secrets.ChallengePrivateKey);

        public DeviceSecrets ToSecrets(string source) => FactoryKey.Length == 32 && UserKeys.All(pair => KeyNames.User.Contains(pair.Key) && pair.Value is { Length: KeyNames.KeyBytes })
            ? new DeviceSecrets
            {
                FactoryKey = FactoryKey,
                FactoryPrivateKey = FactoryPrivateKey,
                UserPrivateKey = UserPrivateKey,
                UserKeys = new Dictionary<string, byte[]>(UserKeys, StringComparer.Ordinal),
                ChallengePrivateKey = ChallengePrivateKey,
            }
            : throw new BenchException($"{source}: its secrets are not a device's keys.");
    }
}
