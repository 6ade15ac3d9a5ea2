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
/// One device of a board's chain: its position (1 at TDI), its name (a Microchip die, or another maker's device as its
/// BSDL names it), its IDCODE (another maker's BSDL may give none) and, for a Microchip device, the virtual device.
/// </summary>
public sealed record BoardDevice(int Position, string Name, uint? IdCode, VirtualDevice? Device)
{
    /// <summary>The IDCODE as a scan shows it.</summary>
    public string IdCodeText => IdCode is { } id ? id.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) : "none";

    /// <summary>What a scan shows of the device: its position, name, IDCODE and, for a Microchip device, its DSN.</summary>
    public string Describe() => $"device {Position} ({Name}, IDCODE {IdCodeText}{(Device is null ? string.Empty : $", DSN {Device.Dsn}")})";
}
