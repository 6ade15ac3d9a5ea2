using System.Text.Json;
using Spps.Devices;
using Spps.Formats.Production;
using Spps.FpExpress.Programmer;
using Spps.Silicon;

namespace Spps.FpExpress.Tests;

/// <summary>
/// A board of virtual devices of the development factory (the embedded M-HSM's default), one per die of the chain from
/// TDI; each DSN is seeded by the board and position, so boards differ. It counts its writes back.
/// </summary>
internal sealed class TestBoard(int number, params string[] dies) : IBoard
{
    public int Number { get; } = number;

    public IReadOnlyList<BoardDevice> Chain { get; } = [.. dies.Select((die, index) => Device(number, index, die))];

    public int Saves { get; private set; }

    public VirtualDevice this[int position] => Chain[position - 1].Device!;

    public void Save() => Saves++;

    /// <summary>Everything each device shows, as JSON, to compare a board before and after a refusal.</summary>
    public string Snapshot() => string.Join("\n", Chain.Select(device => device.Device is null ? device.Name : JsonSerializer.Serialize(Programmed(device.Device.State))));

    // What an action changes; the last result and the live challenge are left out: a refused action records its result and a new challenge is asked for each ticketed action.
    private static object Programmed(DeviceState state) =>
        new { state.UserKeys, state.PolicyFlags, state.FactoryModesDisabled, state.UserEcKeyUsed, state.DesignName, state.DesignVersion, state.BackLevel, state.Components, state.Cycles, state.LastCoc };

    private static BoardDevice Device(int board, int index, string die)
    {
        var found = DeviceCatalog.Find(die).Die;
        var dsn = Dsn.FromBytes([.. Enumerable.Range(0, Dsn.Bytes).Select(i => (byte)(i == 0 ? board : i == 1 ? index + 1 : i))]);
        return new BoardDevice(index + 1, die, found.IdCode, DeviceMaker.Make(found, DeviceFactory.Development(), dsn));
    }
}
