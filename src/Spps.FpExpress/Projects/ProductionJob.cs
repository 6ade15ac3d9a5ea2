using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Jobs;
using Spps.Workspace;

namespace Spps.FpExpress.Projects;

/// <summary>
/// A job as the production side runs it: its description (the chain, in chain order), the programming file of each
/// target, and for an HSM job the M-HSM its tickets are bound to. Read from any job we export: a FlashPro Express job
/// (<c>.job</c>, non-HSM or HSM) or a SmartDebug debug job (<c>.ddc</c>, docs/formats/ddc.md), whose targets carry the
/// public part of their DEBUG bitstream instead of a programming file. A damaged or inconsistent job is refused naming
/// the file.
/// </summary>
public sealed class ProductionJob
{
    private readonly JobContainerFile _container;
    private readonly IReadOnlyDictionary<string, DebugBitstreamInfo>? _debugBitstreams;

    private ProductionJob(JobContainerFile container, JobDescription description, IReadOnlyDictionary<string, DebugBitstreamInfo>? debugBitstreams, string sha256)
    {
        _container = container;
        Description = description;
        _debugBitstreams = debugBitstreams;
        Sha256 = sha256;
    }

    public JobDescription Description { get; }

    /// <summary>Whether this is a debug job (SmartDebug's, <c>.ddc</c>): its targets are unlocked for debugging, never programmed.</summary>
    public bool IsDebugJob => _debugBitstreams is not null;

    /// <summary>What a debug job's commands are, or a programming job's: named in the refusal of a command of the other kind.</summary>
    public string Kind => IsDebugJob ? "a debug job (.ddc)" : "a programming job (.job)";

    /// <summary>The extension of the job's file and of its copy in the job project.</summary>
    public string Extension => IsDebugJob ? DebugJob.Extension : ".job";

    public string Name => Description.JobName;

    /// <summary>The SHA-256 of the container's bytes, in lower-case hex: what the job project records of its copy.</summary>
    public string Sha256 { get; }

    public IReadOnlyList<JobDeviceDescription> Devices => Description.Devices;

    /// <summary>The devices the job programs, in chain order (every device that is not bypassed).</summary>
    public IReadOnlyList<JobDeviceDescription> Targets => [.. Devices.Where(device => !device.IsBypass)];

    /// <summary>The HSM task the job was exported for, or null for a job without one.</summary>
    public string? HsmTaskName => Description.HsmTaskName.Length == 0 ? null : Description.HsmTaskName;

    /// <summary>The UUID of the M-HSM an HSM job's tickets are bound to; null for a job without tickets.</summary>
    public string? BoundMHsmUuid => Devices.Select(device => device.TicketData?.MHsmUuid).FirstOrDefault(uuid => uuid is not null);

    /// <summary>The request id of an HSM job's task (what the M-HSM knows the task by); null for a job without tickets.</summary>
    public string? RequestId => Devices.Select(device => device.TicketData?.RequestId).FirstOrDefault(id => id is not null);

    /// <summary>A target's programming file (the STAPL member the Job Manager exported for it) in a programming job.</summary>
    public byte[] ProgrammingFile(JobDeviceDescription target) =>
        _container.Member(target.ProgrammingFileName, JobMemberEntry.ProgrammingFile)!.Content;

    /// <summary>The public part of a debug job target's DEBUG bitstream.</summary>
    public DebugBitstreamInfo DebugBitstream(JobDeviceDescription target) =>
        _debugBitstreams is { } bitstreams ? bitstreams[target.DeviceName] : throw new InvalidOperationException($"job '{Name}' is not a debug job");

    /// <summary>Reads and checks a job; <paramref name="path"/> is named in every refusal.</summary>
    public static ProductionJob Read(byte[] content, string path)
    {
        JobContainerFile container;
        JobDescription description;
        IReadOnlyDictionary<string, DebugBitstreamInfo>? debugBitstreams = null;
        try
        {
            container = JobContainerFile.Read(new MemoryStream(content, writable: false), path);
            var xml = container.Member(JobMemberEntry.JobDescriptionName, null) ?? throw new JobFormatException(path, "it has no job description (XML member)");
            description = JobDescriptionXml.Read(xml.Content, path);
            if (IsDebugContainer(container, description))
            {
                // The debug job's own reader checks everything its format says (docs/formats/ddc.md).
                debugBitstreams = DebugJobFile.Read(new MemoryStream(content, writable: false), path).Bitstreams;
            }
        }
        catch (JobFormatException error)
        {
            throw Damaged(path, error.Message.TrimEnd('.'));
        }

        if (Problem(container, description, debugBitstreams is not null) is { } problem)
        {
            throw Damaged(path, problem);
        }

        return new ProductionJob(container, description, debugBitstreams, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    // Either mark makes a debug job, so a file with one and not the other is refused by the debug job's reader.
    private static bool IsDebugContainer(JobContainerFile container, JobDescription description) =>
        description.JobType == DebugJob.JobType || container.Header.FileName.EndsWith(DebugJob.Extension, StringComparison.OrdinalIgnoreCase);

    public static DomainException Damaged(string path, string reason) =>
        new($"The job file '{path}' cannot be used: {reason}. Export the job again with the Job Manager.", "BADJOB", path);

    // What makes a job that reads as a container unusable for production: what no export of ours writes.
    private static string? Problem(JobContainerFile container, JobDescription description, bool isDebugJob)
    {
        if (!EntryName.IsValid(description.JobName))
        {
            return $"its job name '{description.JobName}' is not {EntryName.Expecting}";
        }

        if (description.Devices.Count == 0 || description.Devices.All(device => device.IsBypass))
        {
            return "its chain has no device to program";
        }

        var duplicate = description.Devices.GroupBy(device => device.DeviceName, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            return $"the device name '{duplicate.Key}' is given twice";
        }

        foreach (var target in description.Devices.Where(device => !device.IsBypass))
        {
            if (!isDebugJob && container.Member(target.ProgrammingFileName, JobMemberEntry.ProgrammingFile) is null)
            {
                return $"the programming file '{target.ProgrammingFileName}' of device '{target.DeviceName}' is not in it";
            }

            if (!target.IsMicrochip || !DeviceCatalog.TryFind(target.DeviceType, out _))
            {
                return $"device '{target.DeviceName}' is programmed but its type '{target.DeviceType}' is not a Microchip device";
            }

            // A DEBUG ticket unlocks a device and serves a debug job only; the debug job's reader refuses any other ticket.
            if (!isDebugJob && target.TicketData?.Tickets.FirstOrDefault(ticket => ticket.Action == DebugJob.Action) is { } debugTicket)
            {
                return $"device '{target.DeviceName}' carries the DEBUG ticket '{debugTicket.Name}', which only a debug job (.ddc) carries";
            }
        }

        var bindings = description.Devices.Where(device => device.TicketData is not null)
            .Select(device => (device.TicketData!.MHsmUuid, device.TicketData.RequestId)).Distinct().Count();
        return bindings > 1 ? "its targets' tickets name more than one M-HSM or HSM task" : null;
    }
}
