using Spps.Formats.Stapl;

namespace Spps.JobManager.Jobs;

/// <summary>
/// The facts of a job's JTAG chain, devices ordered by location (1 next to TDI, the highest next to TDO): the total
/// IR length, the highest TCK every device accepts, and for each device the padding its neighbours need when it is
/// scanned alone. PRE bits are shifted first and so end in the devices between it and TDO; POST bits in those
/// between TDI and it (the preamble and postamble of the STAPL player). Bypassed devices add one DR bit each.
/// </summary>
public sealed class JtagChain
{
    private JtagChain(IReadOnlyList<ChainPosition> positions) => Positions = positions;

    public IReadOnlyList<ChainPosition> Positions { get; }

    public int TotalIrLength => Positions.Sum(position => position.Device.IrLength);

    /// <summary>The slowest device's highest TCK in MHz; null when no device sets a limit (an empty chain among them).</summary>
    public double? MaxTckMhz => Positions.Min(position => position.Device.MaxTckMhz);

    /// <summary>
    /// The highest TCK a job file states for a device: its own, or for a device that sets no limit the chain's, so the
    /// lowest of all is unchanged (FlashPro Express reads a frequency for every device; 0 would read as a limit).
    /// With no limit anywhere, the frequency our programming files ask for.
    /// </summary>
    public double StatedMaxTckMhz(ChainDevice device) => device.MaxTckMhz ?? MaxTckMhz ?? StaplImage.FrequencyMhz;

    public IEnumerable<ChainPosition> Targets => Positions.Where(position => position.Device.Kind == ChainDeviceKind.Target);

    /// <summary>Locations between 1 and the highest used that no device occupies: the chain as described has a hole.</summary>
    public IReadOnlyList<int> MissingLocations
    {
        get
        {
            var used = Positions.Select(position => position.Device.Location).ToHashSet();
            return [.. Enumerable.Range(1, Positions.Count == 0 ? 0 : used.Max()).Where(location => !used.Contains(location))];
        }
    }

    public static JtagChain Of(ProgrammingJob job)
    {
        var ordered = job.Devices.OrderBy(device => device.Location).ToList();
        var positions = new List<ChainPosition>(ordered.Count);
        for (var index = 0; index < ordered.Count; index++)
        {
            var towardTdi = ordered.Take(index).ToList();
            var towardTdo = ordered.Skip(index + 1).ToList();
            positions.Add(new ChainPosition(ordered[index],
                PreIr: towardTdo.Sum(device => device.IrLength), PostIr: towardTdi.Sum(device => device.IrLength),
                PreDr: towardTdo.Count, PostDr: towardTdi.Count));
        }

        return new JtagChain(positions);
    }
}
