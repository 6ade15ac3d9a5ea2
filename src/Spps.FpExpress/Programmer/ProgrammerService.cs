using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Silicon;
using Spps.Silicon.Benches;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// The virtual programmer: the board it holds (connect_bench), and program_file, which runs one action on one device
/// of that board from a plain STAPL or DAT file (no job, no ticket: the files the Job Manager exports for a trusted
/// facility, a MASTER, a UEK update or one device's <c>-dsn</c>).
/// </summary>
public sealed class ProgrammerService : IDisposable
{
    /// <summary>How long connect_bench waits for a board another station holds.</summary>
    private static readonly TimeSpan _boardWait = TimeSpan.FromSeconds(30);

    public IBoard? Board { get; private set; }

    public IBoard RequireBoard() => Board ?? throw NoBoard();

    public static DomainException NoBoard() => new("No board is connected. Use connect_bench -bench DIR -board N first.", "NOBOARD");

    /// <summary>Holds <paramref name="board"/>, letting the board held before go to the next station.</summary>
    public void Connect(IBoard board)
    {
        Disconnect();
        Board = board;
    }

    /// <summary>connect_bench: holds board <paramref name="number"/> of the bench in <paramref name="folder"/> under its lock.</summary>
    public BenchBoard ConnectBench(string folder, int number)
    {
        BenchBoard board;
        try
        {
            board = BenchBoard.Connect(folder, number, _boardWait, (path, content) => AtomicFile.WriteAllBytes(path, content, FileVisibility.OwnerOnly));
        }
        catch (BenchException error)
        {
            throw new DomainException(error.Message, "BENCH", folder);
        }

        Connect(board);
        return board;
    }

    public void Dispose() => Disconnect();

    private void Disconnect()
    {
        (Board as IDisposable)?.Dispose();
        Board = null;
    }

    /// <summary>
    /// Runs <paramref name="action"/> from <paramref name="path"/> on the device <paramref name="name"/> of the board, or
    /// when no name is given on its only Microchip device; the board is written back after the device answered. The
    /// device's answer is printed as run_selected_actions prints it: a failure as a warning.
    /// </summary>
    public DeviceOutcome ProgramFile(string path, string action, string? name, Action<string> info, Action<string> warn)
    {
        var board = RequireBoard();
        var file = PlainFile.Read(path);
        var (deviceName, device) = Choose(board, name, path);
        var result = DeviceActions.Run(device, action, file, authorization: null);
        board.Save();
        (result.Passed ? info : warn)(DeviceActions.ResultLine(board.Number, deviceName, device, action, result));
        return new DeviceOutcome(deviceName, result);
    }

    // The device named by its position or its die, or the board's only Microchip device.
    private static (string Name, VirtualDevice Device) Choose(IBoard board, string? name, string path)
    {
        var microchip = board.Chain.Where(device => device.Device is not null).ToList();
        var names = string.Join(", ", microchip.Select(device => device.Describe()));
        var chosen = name is null
            ? microchip.Count == 1 ? microchip[0] : throw new DomainException(
                $"Give -name for program_file of '{path}': board {board.Number} has {microchip.Count} Microchip devices: {names}.", "NODEVICE", "-name")
            : microchip.Where(device => device.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) == name || device.Name == name).ToList() is [var only]
                ? only
                : throw new DomainException(
                    $"-name '{name}' does not name one Microchip device of board {board.Number}: give its position or its die. Its devices: {names}.", "NODEVICE", "-name", name);
        return (chosen.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), chosen.Device!);
    }
}

/// <summary>What one device answered to one action.</summary>
public sealed record DeviceOutcome(string Device, SiliconResult Result);
