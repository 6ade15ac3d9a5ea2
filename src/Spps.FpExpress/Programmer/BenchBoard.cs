using Spps.Formats.Production;
using Spps.Silicon.Benches;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// A board of a bench (<c>spps-bench create</c>) as the virtual programmer holds it: under the board's lock from
/// connect_bench until another board is connected or the program ends, so no other station changes it meanwhile.
/// </summary>
public sealed class BenchBoard : IBoard, IDisposable
{
    private readonly Bench _bench;
    private readonly Board _board;

    private BenchBoard(Bench bench, Board board)
    {
        _bench = bench;
        _board = board;
        Chain = [.. board.Devices.Select(device => new BoardDevice(device.Position, device.Entry.Name, device.Entry.IdCode, device.Device))];
    }

    public int Number => _board.Number;

    public string Folder => _bench.Folder;

    /// <summary>
    /// The bench's factory by the first 16 digits of its id, labelled when it is the published development factory. The
    /// whole id, 64 hexadecimal digits, would be taken for a key and redacted from every line the program prints
    /// (docs/command-framework.md); <c>spps-bench show</c> and <c>spps-hsm info</c> print it whole.
    /// </summary>
    public string FactoryDescription => $"{_bench.FactoryId[..16]}…" + (_bench.IsDevelopmentFactory ? $" ({DeviceFactory.DevelopmentLabel})" : string.Empty);

    public IReadOnlyList<BoardDevice> Chain { get; }

    /// <summary>Opens board <paramref name="number"/> of the bench in <paramref name="folder"/>, waiting a moment while another station holds it.</summary>
    public static BenchBoard Connect(string folder, int number, TimeSpan wait, ReplaceFile replace)
    {
        var bench = Bench.Open(folder, replace);
        try
        {
            return new BenchBoard(bench, bench.OpenBoard(number, wait));
        }
        catch
        {
            bench.Dispose();
            throw;
        }
    }

    public void Save() => _board.Save();

    public void Dispose()
    {
        _board.Dispose();
        _bench.Dispose();
    }
}
