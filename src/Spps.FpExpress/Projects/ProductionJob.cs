using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Jobs;
using Spps.Workspace;

namespace Spps.FpExpress.Projects;

/// <summary>
/// A FlashPro Express job as the production side runs it: its description (the chain, in chain order), the
/// programming file of each target, and for an HSM job the M-HSM its tickets are bound to. Read from any job we export,
/// non-HSM or HSM; a damaged or inconsistent job is refused naming the file.
/// </summary>
public sealed class ProductionJob
{
    private readonly JobContainerFile _container;

    private ProductionJob(JobContainerFile container, JobDescription description, string sha256)
    {
        _container = container;
        Description = description;
        Sha256 = sha256;
    }

    public JobDescription Description { get; }

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

    /// <summary>A target's programming file (the STAPL member the Job Manager exported for it).</summary>
    public byte[] ProgrammingFile(JobDeviceDescription target) =>
        _container.Member(target.ProgrammingFileName, JobMemberEntry.ProgrammingFile)!.Content;

    /// <summary>Reads and checks a job; <paramref name="path"/> is named in every refusal.</summary>
    public static ProductionJob Read(byte[] content, string path)
    {
        JobContainerFile container;
        JobDescription description;
        try
        {
            container = JobContainerFile.Read(new MemoryStream(content, writable: false), path);
            var xml = container.Member(JobMemberEntry.JobDescriptionName, null) ?? throw new JobFormatException(path, "it has no job description (XML member)");
            description = JobDescriptionXml.Read(xml.Content, path);
        }
        catch (JobFormatException error)
        {
            throw Damaged(path, error.Message.TrimEnd('.'));
        }

        if (Problem(container, description) is { } problem)
        {
            throw Damaged(path, problem);
        }

        return new ProductionJob(container, description, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public static DomainException Damaged(string path, string reason) =>
        new($"The job file '{path}' cannot be used: {reason}. Export the job again with the Job Manager.", "BADJOB", path);

    // What makes a job that reads as a container unusable for production: what no export of ours writes.
    private static string? Problem(JobContainerFile container, JobDescription description)
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
            if (container.Member(target.ProgrammingFileName, JobMemberEntry.ProgrammingFile) is null)
            {
                return $"the programming file '{target.ProgrammingFileName}' of device '{target.DeviceName}' is not in it";
            }

            if (!target.IsMicrochip || !DeviceCatalog.TryFind(target.DeviceType, out _))
            {
                return $"device '{target.DeviceName}' is programmed but its type '{target.DeviceType}' is not a Microchip device";
            }
        }

        var bindings = description.Devices.Where(device => device.TicketData is not null)
            .Select(device => (device.TicketData!.MHsmUuid, device.TicketData.RequestId)).Distinct().Count();
        return bindings > 1 ? "its targets' tickets name more than one M-HSM or HSM task" : null;
    }
}
