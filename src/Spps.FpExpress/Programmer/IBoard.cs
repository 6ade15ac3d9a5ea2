using Spps.Silicon;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// A board the virtual programmer holds: its JTAG chain from TDI, and the place its devices' state goes back to after
/// an action (a bench writes it under its lock, so several stations may share one bench).
/// </summary>
public interface IBoard
{
    /// <summary>The board's number on its bench (1 = the first).</summary>
    int Number { get; }

    /// <summary>The devices of the chain, from TDI.</summary>
    IReadOnlyList<BoardDevice> Chain { get; }

    /// <summary>Writes the state of the board's devices back, after each device an action changed.</summary>
    void Save();
}

/// <summary>
/// One device of a board's chain: its name on the board, its IDCODE and, for a Microchip device, the virtual device;
/// another maker's device only answers its IDCODE.
/// </summary>
public sealed record BoardDevice(string Name, uint IdCode, VirtualDevice? Device)
{
    /// <summary>What a scan shows of the device: its name, its die when it is a Microchip one, and its IDCODE.</summary>
    public string Describe() => Device is null ? $"{Name} (IDCODE {IdCode:X8})" : $"{Name} ({Device.Die.Name}, IDCODE {IdCode:X8}, DSN {Device.Dsn})";
}
