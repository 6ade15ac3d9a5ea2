using System.Globalization;
using Spps.Devices;
using Spps.Formats.Bsdl;
using Spps.Formats.Files;
using Spps.JobManager.ProgrammingData;
using Spps.Workspace.Projects;
using Spps.Workspace;

namespace Spps.JobManager.Jobs;

/// <summary>
/// The programming job commands (command reference 15.4.8.5). Every input is read and checked before the project
/// changes; the change is one section update, so a refused command leaves the project as it was.
/// </summary>
/// <param name="clock">The time written into exported jobs (<c>OutputClock</c>: <c>SOURCE_DATE_EPOCH</c> when set).</param>
public sealed partial class JobService(ProjectContext workspace, ProgrammingDataStore programmingData, BitstreamService bitstreams, TimeProvider clock)
{
    public const int LowestIrLength = 2;
    public const int HighestIrLength = 32;

    public ProgrammingJob NewJob(string name, string type, string setup)
    {
        var project = workspace.RequireProject();
        EntryName.Require(name, "-job_name");

        if (project.Read<JobsSection>().Find(name) is not null)
        {
            throw new DomainException($"Job '{name}' already exists in project '{project.Name}'; job names are unique.", "JOBEXISTS", name);
        }

        var job = new ProgrammingJob { Name = name, Type = type, Setup = setup };
        project.Update<JobsSection>(section => section.Jobs.Add(job));
        return job;
    }

    public ProgrammingJob Job(string name) =>
        workspace.RequireProject().Read<JobsSection>().Find(name) ?? throw new DomainException(
            $"Project '{workspace.RequireProject().Name}' has no job '{name}' (its jobs: {JobList()}).", "NOJOB", name);

    /// <summary><c>add_microsemi_prog_device</c>: a target programmed from a Programming Data bitstream or from an existing STAPL file.</summary>
    public ChainDevice AddTarget(string jobName, string deviceName, int location, string? dataName, string? bitstreamName, string? dsn, string? stapl, string currentFolder)
    {
        var job = Job(jobName);
        if (stapl is not null && (dataName is not null || bitstreamName is not null || dsn is not null))
        {
            throw new DomainException(
                "-bitstream_file gives the device's programming as it is; it cannot be combined with -data_name, -bitstream_name or -dsn.", "CONFLICT", "-bitstream_file");
        }

        if (stapl is null && (dataName is null || bitstreamName is null))
        {
            var given = dataName is not null ? " (only -data_name was given)" : bitstreamName is not null ? " (only -bitstream_name was given)" : string.Empty;
            throw new DomainException(
                $"add_microsemi_prog_device needs the device's programming: -data_name and -bitstream_name{given}, or -bitstream_file <STAPL file>.",
                "MISSING", dataName is null ? "-data_name" : "-bitstream_name");
        }

        var device = new ChainDevice { Name = deviceName, Location = location, Kind = ChainDeviceKind.Target };
        CheckPlace(job, device);
        if (stapl is null)
        {
            bitstreams.CheckJobTarget(dataName!, bitstreamName!, dsn, job.Type == ProgrammingJob.SmartDebug);
            var variant = DeviceCatalog.Find(programmingData.Entry(dataName!).Device);
            Describe(device, variant, variant.Die.IdCode);
            device.DataName = dataName;
            device.BitstreamName = bitstreamName;
            device.Dsn = dsn?.ToUpperInvariant();
        }
        else
        {
            var source = Path.GetFullPath(stapl, currentFolder);
            var file = MicrochipStapl.Read(source, "bitstream_file");
            Describe(device, file.Device, file.IdCode);
            device.SourceFile = stapl;
            device.DesignName = file.DesignName;
            device.DesignChecksum = file.DesignChecksum;
            device.ProgrammingFile = ProjectFiles.Import(workspace.RequireProject(), source, $"jobs/{jobName}", "programming");
        }

        return Add(jobName, device);
    }

    /// <summary><c>add_microsemi_bypass_device</c>: a Microchip device named by its die or device name, or by a STAPL file of it.</summary>
    public ChainDevice AddMicrochipBypass(string jobName, string deviceName, int location, string? deviceType, string? stapl, string currentFolder)
    {
        var job = Job(jobName);
        if ((deviceType is null) == (stapl is null))
        {
            throw new DomainException(
                "add_microsemi_bypass_device takes the device by either -device_type <die name> or -bitstream_file <STAPL file>" +
                (stapl is null ? "; neither was given." : ", not both."), deviceType is null ? "MISSING" : "CONFLICT", "-device_type");
        }

        var device = new ChainDevice { Name = deviceName, Location = location, Kind = ChainDeviceKind.MicrochipBypass };
        CheckPlace(job, device);
        if (deviceType is not null)
        {
            var variant = Catalogued(deviceType);
            Describe(device, variant, variant.Die.IdCode);
        }
        else
        {
            var file = MicrochipStapl.Read(Path.GetFullPath(stapl!, currentFolder), "bitstream_file");
            Describe(device, file.Device, file.IdCode);
            device.SourceFile = stapl;
        }

        return Add(jobName, device);
    }

    /// <summary>
    /// <c>add_non_microsemi_bypass_device</c>: another maker's device by IR length and highest TCK, or by its BSDL file;
    /// values given beside a BSDL file win over the file's, with a warning when they differ. A BSDL file without
    /// TAP_SCAN_CLOCK is enough: the device then sets no TCK limit, with a warning.
    /// </summary>
    public ChainDevice AddOtherBypass(string jobName, string deviceName, int location, int? irLength, string? tck, string? bsdl, string currentFolder, Action<string> warn)
    {
        var job = Job(jobName);
        var device = new ChainDevice { Name = deviceName, Location = location, Kind = ChainDeviceKind.OtherBypass };
        CheckPlace(job, device);
        var givenTck = tck is null ? (double?)null : ParseTck(tck);
        var file = bsdl is null ? null : ReadBsdl(Path.GetFullPath(bsdl, currentFolder));
        if (file is null && (irLength is null || givenTck is null))
        {
            throw new DomainException(
                $"add_non_microsemi_bypass_device needs the device's -ir <IR length> and -tck <MHz>, or its BSDL file with -file (missing: {(irLength is null ? "-ir" : "-tck")}).",
                "MISSING", irLength is null ? "-ir" : "-tck");
        }

        device.IrLength = irLength ?? file!.InstructionLength;
        device.MaxTckMhz = givenTck ?? file!.MaxTckHz / 1e6; // null when the file gives none: the device sets no limit
        if (file is not null)
        {
            if (irLength is { } ir && ir != file.InstructionLength)
            {
                warn($"-ir {ir} overrides the IR length {file.InstructionLength} of the BSDL file '{bsdl}' for device '{deviceName}'.");
            }

            if (givenTck is { } mhz && file.MaxTckHz is { } fileHz && Math.Abs(mhz - fileHz / 1e6) > 1e-9)
            {
                warn($"-tck {Mhz(mhz)} overrides the highest TCK {Mhz(fileHz / 1e6)} MHz of the BSDL file '{bsdl}' for device '{deviceName}'.");
            }

            device.BsdlEntity = file.Entity;
            device.IdCode = file.IdCode is { } id ? id.Value.ToString("X8", CultureInfo.InvariantCulture) : null;
            device.SourceFile = bsdl;
        }

        if (device.IrLength is < LowestIrLength or > HighestIrLength)
        {
            throw new DomainException(
                $"{(irLength is null ? $"The BSDL file '{bsdl}' gives" : "ir: Invalid argument value:")} IR length {device.IrLength} (expecting an IR length from {LowestIrLength} to {HighestIrLength}).",
                "BADVALUE", "-ir", device.IrLength.ToString(CultureInfo.InvariantCulture));
        }

        if (device.MaxTckMhz is null)
        {
            // The command reference takes a BSDL file alone as enough, and TAP_SCAN_CLOCK is optional in BSDL.
            warn($"The BSDL file '{bsdl}' gives no highest TCK (no TAP_SCAN_CLOCK attribute): device '{deviceName}' does not limit the chain's TCK. Give -tck <MHz> if it has a limit.");
        }

        return Add(jobName, device);
    }

    internal static string Mhz(double mhz) => mhz.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Describe(ChainDevice device, DeviceVariant variant, uint idCode)
    {
        device.Device = variant.Name;
        device.IrLength = variant.Die.IrLength;
        device.MaxTckMhz = variant.Die.MaxTckMhz;
        device.IdCode = idCode.ToString("X8", CultureInfo.InvariantCulture);
    }

    // The rules of every device: a name unique in the job, a free location, a chain no task's request has fixed, and an
    // IHP job's single target.
    private static void CheckPlace(ProgrammingJob job, ChainDevice device)
    {
        EntryName.Require(device.Name, "-device_name");

        if (job.Find(device.Name) is not null)
        {
            throw new DomainException($"Job '{job.Name}' already has a device '{device.Name}'; device names are unique in a job.", "DEVICEEXISTS", device.Name);
        }

        if (job.Devices.Find(other => other.Location == device.Location) is { } taken)
        {
            throw new DomainException(
                $"Hardware location {device.Location} of job '{job.Name}' is taken by device '{taken.Name}'; each chain index holds one device.",
                "LOCATIONTAKEN", device.Location.ToString(CultureInfo.InvariantCulture));
        }

        if (job.HsmTasks.Find(task => task.HasSentRequest) is { } task)
        {
            throw new DomainException(
                $"Job '{job.Name}' cannot take device '{device.Name}': the request of its HSM task '{task.Name}' is out (state {task.State}) and describes the job's chain as it was; " +
                "a device added now would not be in it. Make another job for another chain.", "CHAINFIXED", device.Name);
        }

        if (job.Type != ProgrammingJob.Ihp)
        {
            return;
        }

        if (device.Kind != ChainDeviceKind.Target)
        {
            throw new DomainException(
                $"Job '{job.Name}' is an IHP job: the IHP system manages the hardware setup, so the job holds its one Microchip target and no bypass devices.", "IHPCHAIN", device.Name);
        }

        if (job.Devices.Count > 0)
        {
            throw new DomainException(
                $"Job '{job.Name}' is an IHP job and already targets device '{job.Devices[0].Name}'; a secured IHP job programs exactly one Microchip device.", "IHPCHAIN", device.Name);
        }
    }

    private ChainDevice Add(string jobName, ChainDevice device)
    {
        workspace.RequireProject().Update<JobsSection>(section => section.Find(jobName)!.Devices.Add(device));
        return device;
    }

    private static double ParseTck(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) && double.IsFinite(mhz) && mhz > 0
            ? mhz
            : throw new DomainException($"tck: Invalid argument value: '{text}' (expecting a frequency in MHz greater than 0, e.g. 10 or 2.5).", "BADVALUE", "-tck", text);

    private static BsdlFile ReadBsdl(string path)
    {
        try
        {
            return BsdlFile.Read(File.ReadAllBytes(path), path);
        }
        catch (BsdlFormatException error)
        {
            throw new DomainException($"Parameter 'file': {error.Message}", "CORRUPT", path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The BSDL file '{path}' cannot be read: {error.Message}", "UNREADABLE", path);
        }
    }

    private static DeviceVariant Catalogued(string deviceType)
    {
        try
        {
            return DeviceCatalog.Find(deviceType);
        }
        catch (UnknownDeviceException error)
        {
            throw new DomainException(
                $"device_type: Invalid argument value: '{deviceType}' (expecting a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC die or device name such as M2S010 or M2GL090TS" +
                (error.Suggestions.Count > 0 ? $"; the closest are {string.Join(", ", error.Suggestions)})." : ")."), "BADVALUE", "-device_type", deviceType);
        }
    }

    private string JobList()
    {
        var jobs = workspace.RequireProject().Read<JobsSection>().Jobs;
        return jobs.Count == 0 ? "none; create one with new_prog_job" : string.Join(", ", jobs.Select(job => job.Name));
    }
}
