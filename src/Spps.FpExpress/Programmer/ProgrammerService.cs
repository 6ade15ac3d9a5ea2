using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Silicon;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// The virtual programmer: the board it holds (connect_bench), and program_file, which runs one action on one device
/// of that board from a plain STAPL or DAT file (no job, no ticket: the files the Job Manager exports for a trusted
/// facility, a MASTER, a UEK update or one device's <c>-dsn</c>).
/// </summary>
public sealed class ProgrammerService
{
    public IBoard? Board { get; private set; }

    public IBoard RequireBoard() => Board ?? throw NoBoard();

    public static DomainException NoBoard() => new("No board is connected. Use connect_bench -bench DIR -board N first.", "NOBOARD");

    public void Connect(IBoard board) => Board = board;

    /// <summary>
    /// Runs <paramref name="action"/> from <paramref name="path"/> on the device <paramref name="name"/> of the board, or
    /// when no name is given on its only Microchip device; the board is written back after the device answered.
    /// </summary>
    public DeviceOutcome ProgramFile(string path, string action, string? name, Action<string> info)
    {
        var board = RequireBoard();
        var file = PlainFile.Read(path);
        var (deviceName, device) = Choose(board, name, path);
        var result = DeviceActions.Run(device, action, file, authorization: null);
        board.Save();
        info(DeviceActions.ResultLine(board.Number, deviceName, device, action, result));
        return new DeviceOutcome(deviceName, result);
    }

    // The device named, or the board's only Microchip device.
    private static (string Name, VirtualDevice Device) Choose(IBoard board, string? name, string path)
    {
        var microchip = board.Chain.Where(device => device.Device is not null).ToList();
        var names = string.Join(", ", microchip.Select(device => device.Name));
        var chosen = name is null
            ? microchip.Count == 1 ? microchip[0] : throw new DomainException(
                $"Give -name for program_file of '{path}': board {board.Number} has {microchip.Count} Microchip devices: {names}.", "NODEVICE", "-name")
            : microchip.FirstOrDefault(device => device.Name == name)
              ?? throw new DomainException($"Board {board.Number} has no Microchip device named '{name}'. Its devices: {names}.", "NODEVICE", "-name", name);
        return (chosen.Name, chosen.Device!);
    }
}

/// <summary>What one device answered to one action.</summary>
public sealed record DeviceOutcome(string Device, SiliconResult Result);
