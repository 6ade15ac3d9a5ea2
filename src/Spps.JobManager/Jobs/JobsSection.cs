using Spps.Devices;
using Spps.JobManager.HsmTasks;
using Spps.Workspace.Projects;
using Spps.Workspace;

namespace Spps.JobManager.Jobs;

/// <summary>The project's programming jobs (the <c>jobs</c> section of the .jprj).</summary>
public sealed class JobsSection : IProjectSection
{
    private static readonly string[] _types = [ProgrammingJob.Ihp, ProgrammingJob.FlashProExpress, ProgrammingJob.SmartDebug];

    public static string SectionName => "jobs";

    public List<ProgrammingJob> Jobs { get; set; } = [];

    public ProgrammingJob? Find(string name) => Jobs.Find(job => job.Name == name);

    /// <summary>What the commands rely on in a section read from a file.</summary>
    public IEnumerable<string> Problems()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ticketIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in Jobs)
        {
            if (!names.Add(job.Name) || !EntryName.IsValid(job.Name) || !_types.Contains(job.Type) || job.Setup != ProgrammingJob.JtagChain)
            {
                yield return $"the job '{job.Name}' of type '{job.Type}' and setup '{job.Setup}' is not a job new_prog_job makes (or its name is taken twice)";
            }

            foreach (var problem in job.Devices.SelectMany(DeviceProblems).Concat(HsmTaskProblems.Of(job, ticketIds)))
            {
                yield return $"job '{job.Name}': {problem}";
            }
        }
    }

    private static IEnumerable<string> DeviceProblems(ChainDevice device)
    {
        if (!EntryName.IsValid(device.Name) || device.Location is < 1 or > (int)JobCommands.HighestLocation || !Enum.IsDefined(device.Kind))
        {
            yield return $"the device '{device.Name}' at location {device.Location} is not a chain device the job commands add";
        }

        if (device.Device is { } name && !DeviceCatalog.TryFind(name, out _))
        {
            yield return $"the device type '{name}' of '{device.Name}' is not a device this program knows";
        }

        // A highest TCK may be absent (a BSDL file without TAP_SCAN_CLOCK: the device sets no limit), never zero or less.
        if (device.IrLength is < 1 or > JobService.HighestIrLength || device.MaxTckMhz is { } tck && (!double.IsFinite(tck) || tck <= 0))
        {
            yield return $"the device '{device.Name}' has an IR length of {device.IrLength} bits and a highest TCK of {device.MaxTckMhz?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} MHz";
        }

        if (device.Kind == ChainDeviceKind.Target && (device.ProgrammingFile is null) == (device.DataName is null || device.BitstreamName is null))
        {
            yield return $"the target '{device.Name}' is programmed neither from a bitstream (dataName, bitstreamName) nor from a STAPL file (programmingFile), or from both";
        }

        if (device.ProgrammingFile is { } path && ProjectFiles.Problem(path) is { } problem)
        {
            yield return $"programmingFile '{path}' of '{device.Name}' {problem}";
        }

        if (device.Dsn is { } dsn && Dsn.TryParse(dsn) is null)
        {
            yield return $"the DSN '{dsn}' of '{device.Name}' is not 32 hexadecimal digits";
        }
    }
}
