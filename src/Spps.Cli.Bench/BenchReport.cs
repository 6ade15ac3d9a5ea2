using System.Globalization;
using System.Text;
using System.Text.Json;
using Spps.Formats.Bitstreams;
using Spps.Silicon;
using Spps.Silicon.Benches;

namespace Spps.Cli.Bench;

/// <summary>What <c>spps-bench show</c> prints: every device's state, as text or JSON; never a key value.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    /// <summary>The chain from TDI in one line: die names, and other makers' devices with their IDCODE and IR length.</summary>
    public static string Chain(IReadOnlyList<ChainEntry> chain) => string.Join(", ", chain.Select(entry => entry.IsMicrochip
        ? entry.Name
        : $"{entry.Name} (BYPASS, IDCODE {IdCode(entry)}, IR length {entry.IrLength})"));

    public static string Text(Spps.Silicon.Benches.Bench bench, IReadOnlyList<(int Board, IReadOnlyList<BenchDevice> Devices)> boards, string developmentWarning)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Bench '{bench.Folder}': {bench.BoardCount} boards, chain from TDI {Chain(bench.Chain)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"factory: {bench.FactoryDescription}");
        if (bench.IsDevelopmentFactory)
        {
            text.AppendLine(developmentWarning);
        }

        foreach (var (board, devices) in boards)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Board {board}");
            foreach (var device in devices)
            {
                if (device.Device is not { } virtualDevice)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {device.Position}. {device.Entry.Name}: another maker's device in BYPASS, IDCODE {IdCode(device.Entry)}, IR length {device.Entry.IrLength}");
                    continue;
                }

                var state = virtualDevice.State;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {device.Position}. {device.Entry.Name}");
                foreach (var reported in DeviceReport.Lines(virtualDevice.Die, state))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"     {reported}");
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"     Programmed = {(state.Components.Count == 0 ? "nothing" : string.Join(" ", state.Components.Keys))}");
                text.AppendLine(CultureInfo.InvariantCulture, $"     CoC = {(state.LastCoc is null ? "none" : "yes, of the last PROGRAM")}");
                text.AppendLine(CultureInfo.InvariantCulture, $"     Last result = {state.LastResult ?? "none"}");
            }
        }

        return text.ToString();
    }

    public static string Json(Spps.Silicon.Benches.Bench bench, IReadOnlyList<(int Board, IReadOnlyList<BenchDevice> Devices)> boards) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["bench"] = bench.Folder,
            ["factory"] = bench.FactoryId,
            ["development_factory"] = bench.IsDevelopmentFactory,
            ["board_count"] = bench.BoardCount,
            ["boards"] = boards.Select(pair => new Dictionary<string, object?>
            {
                ["board"] = pair.Board,
                ["devices"] = pair.Devices.Select(Device).ToList(),
            }).ToList(),
        }, _json) + Environment.NewLine;

    private static Dictionary<string, object?> Device(BenchDevice device)
    {
        var shown = new Dictionary<string, object?>
        {
            ["position"] = device.Position,
            ["name"] = device.Entry.Name,
            ["idcode"] = device.Entry.IdCode is null ? null : IdCode(device.Entry),
            ["ir_length"] = device.Entry.IrLength,
            ["microchip"] = device.Device is not null,
        };
        if (device.Device is not { State: var state })
        {
            return shown;
        }

        var policy = SecurityComponent.PolicyOf(state.PolicyFlags);
        shown["dsn"] = state.Dsn;
        shown["design"] = state.DesignName is null ? null : new Dictionary<string, object>
        {
            ["name"] = state.DesignName,
            ["version"] = state.DesignVersion,
            ["back_level"] = state.BackLevel,
            ["checksum"] = state.Checksum.ToString("X4", CultureInfo.InvariantCulture),
        };
        shown["programmed"] = state.Components.Keys.ToList();
        shown["user_keys"] = state.UserKeys;
        shown["factory_key_modes_disabled"] = state.FactoryModesDisabled;
        shown["user_ec_key_used"] = state.UserEcKeyUsed;
        shown["security"] = new Dictionary<string, bool>
        {
            ["fabric_update_protected"] = policy.FabricUpdateProtected,
            ["envm_update_protected"] = policy.EnvmUpdateProtected,
            ["snvm_update_protected"] = policy.SnvmUpdateProtected,
            ["back_level_protection"] = policy.BackLevelProtection,
            ["debug_locked"] = policy.DebugLocked,
            ["jtag_locked"] = policy.JtagLocked,
        };
        shown["debug"] = device.Device.DebugAccess.ToString().ToLowerInvariant();
        shown["cycles"] = state.Cycles;
        shown["coc"] = state.LastCoc is not null;
        shown["last_result"] = state.LastResult;
        return shown;
    }

    private static string IdCode(ChainEntry entry) => entry.IdCode?.ToString("X8", CultureInfo.InvariantCulture) ?? "none";
}
