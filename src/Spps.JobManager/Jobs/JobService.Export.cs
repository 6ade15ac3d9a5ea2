using Spps.Devices;
using Spps.Formats.Files;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;
using Spps.Workspace.Projects;
using Spps.Workspace.Storage;

namespace Spps.JobManager.Jobs;

/// <summary><c>export_prog_job</c>: a non-HSM FlashPro Express job written as a job container (docs/formats/job.md).</summary>
public sealed partial class JobService
{
    /// <summary>The creator line of our containers, where Libero writes LIBERO.</summary>
    public const string Creator = "JOBMANAGER";

    private const string JobExtension = ".job";

    // Room for a STAPL file's notes, actions and procedures beside its data.
    private const int StaplTextAllowance = 256 * 1024;

    /// <summary>
    /// Writes <c>&lt;location&gt;/&lt;name&gt;.job</c>: a STAPL programming file per target (generated from its bitstream
    /// as the Programming Data is now, or the STAPL file as given), the FlashPro project settings and the job
    /// description. The container is written beside its target and renamed into place, so a failure leaves no file.
    /// <paramref name="cancellation"/> is checked before each target and while the container is written; the steps go to
    /// <paramref name="progress"/>.
    /// </summary>
    public string Export(string jobName, string location, string name, string currentFolder, Action<string> warn, Action<string> info,
        CancellationToken cancellation = default, IProgress<WorkStep>? progress = null)
    {
        var job = Job(jobName);
        var fileName = OutputFileName(name, JobExtension);
        var chain = JtagChain.Of(job);
        CheckExportable(job, chain);
        return Write(job, chain, fileName, location, currentFolder, string.Empty,
            (target, created) => (bitstreams.JobProgrammingImage(target.DataName!, target.BitstreamName!, target.Dsn, created, info), null), warn,
            new WorkSteps($"Exporting job '{job.Name}'", cancellation, progress));
    }

    /// <summary>
    /// <c>export_hsmtask</c>'s container: the job as <see cref="Export"/> writes it, with <c>hsm_task_name</c> set and
    /// each generated target's programming and ticket data made by <paramref name="generate"/> (the HSM task's sealing).
    /// </summary>
    internal string ExportHsmJob(string jobName, string taskName, string location, string name, string currentFolder,
        Func<ChainDevice, DateTime, (StaplImage Image, JobTicketData? Tickets)> generate, Action<string> warn, WorkSteps steps)
    {
        var job = Job(jobName);
        var fileName = OutputFileName(name, JobExtension);
        var chain = JtagChain.Of(job);
        CheckChain(job, chain);
        return Write(job, chain, fileName, location, currentFolder, taskName, generate, warn, steps);
    }

    private string Write(ProgrammingJob job, JtagChain chain, string fileName, string location, string currentFolder, string hsmTaskName,
        Func<ChainDevice, DateTime, (StaplImage Image, JobTicketData? Tickets)> generate, Action<string> warn, WorkSteps steps)
    {
        var project = workspace.RequireProject();
        var path = OutputPath(location, currentFolder, fileName);
        var created = clock.LocalNowToTheSecond();
        var tickets = new Dictionary<string, JobTicketData>(StringComparer.Ordinal);
        var targets = chain.Targets.Select(position => position.Device).ToList();
        steps.Total = targets.Count + 1;
        var members = ProgrammingMembers(project, targets, target =>
        {
            steps.Next($"target '{target.Name}'"); // a whole target at a time: an HSM sealing is never cut short
            var (image, data) = generate(target, created);
            if (data is not null)
            {
                tickets[target.Name] = data;
            }

            return image;
        });

        members.Add(JobMemberSource.FromBytes(project.Name + ".pro", JobMemberEntry.ProjectSettings, ProjectSettingsXml.ToBytes(Settings(project, chain))));
        members.Add(JobMemberSource.FromBytes(JobMemberEntry.JobDescriptionName, null, JobDescriptionXml.ToBytes(Description(job, chain, hsmTaskName, tickets, ProgrammingFileName))));
        var header = new JobContainerHeader { FileName = fileName, Created = created, Creator = Creator };
        steps.Next($"writing '{fileName}'");
        WriteOutput(path, stream => JobContainerWriter.Write(stream, header, members), warn, steps.Cancellation);
        return path;
    }

    // The exported file's path, checked writable before anything is generated.
    private static string OutputPath(string location, string currentFolder, string fileName)
    {
        var path = Path.Combine(Path.GetFullPath(location, currentFolder), fileName);
        Writable.Check(path);
        return path;
    }

    // Written beside its target and renamed into place, so a failure leaves the previous file and no partial one.
    private static void WriteOutput(string path, Action<Stream> write, Action<string> warn, CancellationToken cancellation = default)
    {
        if (File.Exists(path))
        {
            warn($"Replacing the existing file '{path}'.");
        }

        AtomicFile.Write(path, write, cancellation: cancellation);
    }

    /// <summary>The name of a target's programming file in the container: its device name and location, as Libero names it.</summary>
    public static string ProgrammingFileName(ChainDevice target) => $"{target.Name}_{target.Location}.stp";

    private static void CheckExportable(ProgrammingJob job, JtagChain chain)
    {
        if (job.HsmTasks.Count > 0)
        {
            throw new DomainException(
                $"Job '{job.Name}' has HSM tasks ({string.Join(", ", job.TaskNames())}): a programming job that has one or more HSM tasks is considered to be HSM type " +
                "and cannot be exported using the export_prog_job command. An HSM job is exported using the export_hsmtask command.", "HSMJOB", job.Name);
        }

        if (job.Type == ProgrammingJob.Ihp)
        {
            throw new DomainException(
                $"Job '{job.Name}' is an IHP job; IHP supports the HSM job type only: add an HSM task (add_hsmtask_to_job) and export it with export_hsmtask.", "JOBTYPE", job.Name);
        }

        if (job.Type == ProgrammingJob.SmartDebug)
        {
            throw new DomainException(
                $"Job '{job.Name}' is a SmartDebug (SDebug) job: its debug data is exported with its HSM task (export_hsmtask), not with export_prog_job.", "JOBTYPE", job.Name);
        }

        CheckChain(job, chain);
    }

    // What every exported job needs, HSM job or not: a target, and a chain without gaps.
    private static void CheckChain(ProgrammingJob job, JtagChain chain)
    {
        if (!chain.Targets.Any())
        {
            throw new DomainException(
                $"Job '{job.Name}' has no device to program: add one with add_microsemi_prog_device.", "NOTARGET", job.Name);
        }

        if (chain.MissingLocations is { Count: > 0 } missing)
        {
            throw new DomainException(
                $"The chain of job '{job.Name}' has no device at hardware location{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}: " +
                "describe every device between TDI and TDO, bypassed ones too, so the padding of each scan is right.", "CHAINGAP", job.Name);
        }
    }

    private static string OutputFileName(string name, string extension)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Trim('.').Length == 0)
        {
            throw new DomainException(
                $"name: Invalid argument value: '{name}' (expecting a file name without folder; the folder is -location).", "BADVALUE", "-name", name);
        }

        return name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;
    }

    // Each target's programming file: the project's copy of a given STAPL file (checked first, streamed when the
    // container is written); or a bitstream generated now, one target after another, whose STAPL text is written in
    // memory on every core at once.
    private static List<JobMemberSource> ProgrammingMembers(ProjectSession project, IReadOnlyList<ChainDevice> targets, Func<ChainDevice, StaplImage> generate)
    {
        var members = targets.Select(target => target.ProgrammingFile is null ? null : CopiedMember(project, target)).ToArray();
        var images = targets.Select(target => target.ProgrammingFile is null ? generate(target) : null).ToList();
        Parallel.For(0, targets.Count, index =>
        {
            if (images[index] is { } image)
            {
                // Encrypted data gives ACA text of about 1.6 characters a byte (6-bit characters, escapes, line ends):
                // the buffer is sized for that so it is not regrown and copied.
                var text = new MemoryStream(image.Datastream.Length * 13 / 8 + StaplTextAllowance);
                StaplProgramWriter.Write(text, image);
                members[index] = new JobMemberSource(new JobMemberEntry(ProgrammingFileName(targets[index]), JobMemberEntry.ProgrammingFile, text.Length), text.WriteTo);
            }
        });

        return [.. members.Select(member => member!)];
    }

    private static JobMemberSource CopiedMember(ProjectSession project, ChainDevice target)
    {
        var file = ProjectFiles.Resolve(project, target.ProgrammingFile!, $"the STAPL file of device '{target.Name}'", "add the device again");
        return new JobMemberSource(new JobMemberEntry(ProgrammingFileName(target), JobMemberEntry.ProgrammingFile, new FileInfo(file).Length), stream =>
        {
            using var input = File.OpenRead(file);
            input.CopyTo(stream);
        });
    }

    private static ProjectSettings Settings(ProjectSession project, JtagChain chain) => new()
    {
        ProjectName = project.Name,
        ProjectDirectory = project.Folder,
        LogFile = Path.Combine(project.Folder, project.Name + ".log"),
        TargetDevice = chain.Targets.First().Device.Device!,
        TckHz = Hertz(Math.Min(StaplImage.FrequencyMhz, chain.MaxTckMhz ?? StaplImage.FrequencyMhz)),
        Devices = [.. chain.Positions.Select(position => new ProjectSettingsDevice(
            position.Device.IsMicrochip ? ProjectSettingsDevice.Microchip : ProjectSettingsDevice.Other,
            DeviceType(position.Device), position.Device.Name, position.Device.IrLength, Hertz(chain.StatedMaxTckMhz(position.Device))))],
    };

    private static JobDescription Description(ProgrammingJob job, JtagChain chain, string hsmTaskName, IReadOnlyDictionary<string, JobTicketData> tickets,
        Func<ChainDevice, string> memberName) => new()
    {
        JobName = job.Name,
        HsmTaskName = hsmTaskName,
        Devices = [.. chain.Positions.Select(position => position.Device).Select(device => new JobDeviceDescription
        {
            DeviceName = device.Name,
            ProgrammingFileName = device.IsBypassed ? string.Empty : memberName(device),
            DeviceType = DeviceType(device),
            HardwareId = device.Location,
            IrLength = device.IrLength,
            DrLength = device.IsBypassed ? 1 : 0,
            MaxTckMhz = chain.StatedMaxTckMhz(device),
            IsMicrochip = device.IsMicrochip,
            IsBypass = device.IsBypassed,
            TicketData = tickets.GetValueOrDefault(device.Name),
        })],
    };

    /// <summary>The device type a job names: the Microchip device, another maker's BSDL entity, or "Other" when only IR and TCK are known.</summary>
    internal static string DeviceType(ChainDevice device) => device.Device ?? device.BsdlEntity ?? "Other";

    private static long Hertz(double mhz) => (long)Math.Round(mhz * 1e6);
}
