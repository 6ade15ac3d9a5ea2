using Spps.Devices;
using Spps.FpExpress.Programmer;
using Spps.Formats.Production;
using Spps.Silicon;

namespace Spps.Benchmarks;

/// <summary>
/// A board with one new virtual device of <paramref name="die"/> from <paramref name="factory"/>, held in memory: the
/// device keeps its state itself, as silicon does, so writing the board back stores nothing (a bench's file is the
/// simulator's storage, not the station's work).
/// </summary>
internal sealed class FreshBoard(int number, Die die, DeviceFactory factory) : IBoard
{
    public int Number { get; } = number;

    public IReadOnlyList<BoardDevice> Chain { get; } = [new BoardDevice(1, die.Name, die.IdCode, DeviceMaker.Make(die, factory, DeviceMaker.RandomDsn()))];

    public void Save()
    {
    }
}
