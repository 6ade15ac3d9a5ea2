using Spps.Devices;

namespace Spps.Silicon.Benches;

/// <summary>
/// One device of a board's JTAG chain: a Microchip die of the catalog (a virtual device, <see cref="Die"/> set) or
/// another maker's device described by its BSDL file, which stays in BYPASS and has only an IDCODE (when its BSDL
/// gives one) and an instruction register length.
/// </summary>
public sealed record ChainEntry(string Name, uint? IdCode, int IrLength, Die? Die)
{
    public bool IsMicrochip => Die is not null;

    public static ChainEntry Microchip(Die die) => new(die.Name, die.IdCode, die.IrLength, die);

    public static ChainEntry Bypass(string name, uint? idCode, int irLength) => new(name, idCode, irLength, null);
}
