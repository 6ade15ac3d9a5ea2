using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Formats.Jobs;

namespace Spps.FpExpress.Programmer;

/// <summary>
/// scan_chain_prg: the IDCODEs of the board's chain against the job's chain, position by position from TDI. A device
/// missing at the end, an extra one, one of another die, and two devices in each other's place are each reported by
/// position and name; a Microchip device is recognised by its die's IDCODE under the die's mask, another maker's device
/// is matched by any device that is not a Microchip one (the job knows it by name only, not by IDCODE).
/// </summary>
public static class ChainScan
{
    public static IReadOnlyList<string> Problems(ProductionJob job, IBoard board)
    {
        var expected = job.Devices;
        var found = board.Chain;
        var problems = new List<string>();
        for (var index = 0; index < Math.Max(expected.Count, found.Count); index++)
        {
            var position = index + 1;
            if (index >= found.Count)
            {
                problems.Add($"position {position}: device '{expected[index].DeviceName}' ({expected[index].DeviceType}) is missing: the board's chain ends at position {found.Count}.");
            }
            else if (index >= expected.Count)
            {
                problems.Add($"position {position}: an extra {found[index].Describe()}, which job '{job.Name}' does not have.");
            }
            else if (!Matches(expected[index], found[index]))
            {
                var swapped = Enumerable.Range(0, Math.Min(expected.Count, found.Count))
                    .FirstOrDefault(other => other != index && Matches(expected[other], found[index]) && Matches(expected[index], found[other]), -1);
                problems.Add($"position {position}: job '{job.Name}' expects device '{expected[index].DeviceName}' ({Expected(expected[index])}) but the board has {found[index].Describe()}" +
                             (swapped < 0 ? "." : $", swapped with position {swapped + 1}."));
            }
        }

        return problems;
    }

    /// <summary>Refuses a board whose chain is not the job's, listing every difference: nothing is run on it.</summary>
    public static void Require(ProductionJob job, IBoard board)
    {
        if (Problems(job, board) is { Count: > 0 } problems)
        {
            throw new DomainException(
                $"The chain of board {board.Number} is not the chain of job '{job.Name}': {string.Join(" ", problems)} Check the board and its orientation, or connect the right one.",
                "CHAIN", board.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Expected(JobDeviceDescription device) =>
        DieOf(device) is { } die ? $"{device.DeviceType}, IDCODE {die.IdCodeText}" : device.DeviceType;

    private static bool Matches(JobDeviceDescription expected, BoardDevice found) =>
        DieOf(expected) is { } die ? found.IdCode is { } id && (id & die.IdCodeMask) == (die.IdCode & die.IdCodeMask) : found.Device is null;

    private static Die? DieOf(JobDeviceDescription device) =>
        device.IsMicrochip && DeviceCatalog.TryFind(device.DeviceType, out var variant) ? variant!.Die : null;
}
