using Spps.Devices;
using Spps.Formats.Design;
using Spps.Formats.Files;
using Spps.Formats.Production;

namespace Spps.Silicon.Benches;

/// <summary>
/// A bench of boards (docs/silicon.md, "The bench"; its files in docs/formats/bench.md): a folder with
/// <c>bench.json</c> (factory, boards, chain), one <c>board-N.json</c> per board and <c>bench.key</c>. Every board
/// has the same chain; each Microchip device its own DSN. Open a board with <see cref="OpenBoard"/> to change it;
/// <see cref="ReadBoard"/> reads one without the lock, to show it.
/// </summary>
public sealed class Bench : IDisposable
{
    private readonly BenchKey _key;
    private readonly ReplaceFile _replace;

    private Bench(string folder, string factoryId, int boards, IReadOnlyList<ChainEntry> chain, BenchKey key, ReplaceFile replace)
    {
        Folder = folder;
        FactoryId = factoryId;
        BoardCount = boards;
        Chain = chain;
        _key = key;
        _replace = replace;
    }

    public string Folder { get; }

    /// <summary>The id of the factory that made the devices (the M-HSM checks their certificates against it).</summary>
    public string FactoryId { get; }

    public bool IsDevelopmentFactory => FactoryId == DevelopmentFactoryId.Value;

    /// <summary>The factory id, labelled when it is the development factory.</summary>
    public string FactoryDescription => IsDevelopmentFactory ? $"{FactoryId} ({DeviceFactory.DevelopmentLabel})" : FactoryId;

    /// <summary>Boards are numbered 1 to <see cref="BoardCount"/>.</summary>
    public int BoardCount { get; }

    /// <summary>Every board's chain, from TDI.</summary>
    public IReadOnlyList<ChainEntry> Chain { get; }

    private static Lazy<string> DevelopmentFactoryId { get; } = new(() =>
    {
        using var factory = DeviceFactory.Development();
        return factory.Id;
    });

    /// <summary>
    /// Makes a new bench in <paramref name="folder"/>, which must not exist (its parent must): <paramref name="boards"/>
    /// boards of <paramref name="chain"/>, each Microchip device made by <paramref name="factory"/> with its own DSN,
    /// derived from <paramref name="seed"/> when given so that a bench can be made again the same. Everything is
    /// written in a hidden folder beside it, which is renamed into place only when complete: a failure leaves nothing.
    /// </summary>
    public static Bench Create(string folder, IReadOnlyList<ChainEntry> chain, int boards, DeviceFactory factory, long? seed, ReplaceFile replace)
    {
        var full = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(full) ?? throw new BenchException($"--bench '{folder}': a bench cannot be the root folder.");
        if (Directory.Exists(full) || File.Exists(full))
        {
            throw new BenchException($"--bench '{folder}' already exists: a new bench is made in a folder that does not exist yet.");
        }

        if (!Directory.Exists(parent))
        {
            throw new BenchException($"--bench '{folder}': its parent folder '{parent}' does not exist: make it first.");
        }

        if (boards < 1 || chain.Count == 0)
        {
            throw new BenchException($"A bench needs at least one board and one device, not {boards} boards of {chain.Count} devices.");
        }

        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.creating-{Guid.NewGuid():N}");
        var moved = false;
        try
        {
            CreateFolder(staging);
            using (var key = BenchKey.Create(staging))
            {
                WriteNew(Path.Combine(staging, BenchFile.FileName), BenchFile.ToBytes(factory.Id, boards, chain));
                for (var board = 1; board <= boards; board++)
                {
                    var devices = MakeDevices(chain, board, factory, seed);
                    try
                    {
                        WriteNew(Path.Combine(staging, BoardFile.FileName(board)), BoardFile.ToBytes(key, board, devices));
                    }
                    finally
                    {
                        devices.ForEach(device => device.Device?.Secrets.Dispose());
                    }
                }
            }

            Directory.Move(staging, full);
            moved = true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"--bench '{folder}' cannot be made: {error.Message.TrimEnd('.')}.");
        }
        finally
        {
            if (!moved)
            {
                RemoveStaging(staging);
            }
        }

        return Open(full, replace);
    }

    /// <summary>Opens the bench in <paramref name="folder"/>; a folder that is not a bench is refused naming it.</summary>
    public static Bench Open(string folder, ReplaceFile replace)
    {
        if (!Directory.Exists(folder))
        {
            throw new BenchException($"The bench '{folder}' does not exist: expecting a folder made by 'spps-bench create'.");
        }

        var path = Path.Combine(folder, BenchFile.FileName);
        if (!File.Exists(path))
        {
            throw new BenchException($"The folder '{folder}' is not a bench: it has no {BenchFile.FileName} (expecting a folder made by 'spps-bench create').");
        }

        var (factoryId, boards, chain) = BenchFile.Read(ReadFile(path), path);
        return new Bench(folder, factoryId, boards, chain, BenchKey.Read(folder), replace);
    }

    /// <summary>
    /// Takes board <paramref name="number"/>'s lock (waiting up to <paramref name="wait"/> while another process has
    /// it), then reads the board: what the last holder saved. Hold it for one action or for a whole connection.
    /// </summary>
    public Board OpenBoard(int number, TimeSpan wait)
    {
        CheckNumber(number);
        var boardLock = BoardLock.Acquire(Folder, number, wait);
        try
        {
            return new Board(this, number, ReadBoard(number), boardLock);
        }
        catch
        {
            boardLock.Dispose();
            throw;
        }
    }

    /// <summary>Board <paramref name="number"/>'s devices as last saved, without its lock: to show, never to change.</summary>
    public IReadOnlyList<BenchDevice> ReadBoard(int number)
    {
        CheckNumber(number);
        var path = Path.Combine(Folder, BoardFile.FileName(number));
        return BoardFile.Read(ReadFile(path), path, _key, number, Chain);
    }

    public void Dispose() => _key.Dispose();

    internal void WriteBoard(int number, IReadOnlyList<BenchDevice> devices) =>
        _replace(Path.Combine(Folder, BoardFile.FileName(number)), BoardFile.ToBytes(_key, number, devices));

    private static List<BenchDevice> MakeDevices(IReadOnlyList<ChainEntry> chain, int board, DeviceFactory factory, long? seed) =>
    [
        .. chain.Select((entry, index) => new BenchDevice(index + 1, entry, entry.Die is { } die
            ? DeviceMaker.Make(die, factory, seed is { } value ? Dsn.FromBytes(SeededBytes.Generate(value, $"spps-bench dsn|board {board}|position {index + 1}", Dsn.Bytes)) : DeviceMaker.RandomDsn())
            : null)),
    ];

    private void CheckNumber(int number)
    {
        if (number < 1 || number > BoardCount)
        {
            throw new BenchException($"Board {number} is not on the bench '{Folder}': its boards are 1 to {BoardCount}.");
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"The bench file '{path}' cannot be read: {error.Message.TrimEnd('.')}.");
        }
    }

    private static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteNew(string path, byte[] content)
    {
        using var stream = OwnerOnlyFile.CreateNew(path);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static void RemoveStaging(string staging)
    {
        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The write failed already (say, the disk is full or the folder became read-only): the hidden folder's
            // name says what it is, and the refusal above is what the user needs.
        }
    }
}
