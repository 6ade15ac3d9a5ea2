namespace Spps.Formats.Jobs;

/// <summary>
/// Writes and reads a debug job (<c>.ddc</c>, docs/formats/ddc.md): the framing of the FlashPro Express job container,
/// one <c>dbg</c> member per target in chain order, then the job description. The reader checks everything the
/// format says, so a damaged or altered file is refused with a <see cref="JobFormatException"/> naming the problem.
/// </summary>
public static class DebugJobFile
{
    public static void Write(Stream output, DebugJob job)
    {
        var members = job.Description.Devices.Where(device => !device.IsBypass)
            .Select(device => JobMemberSource.FromBytes(device.ProgrammingFileName, DebugJob.BitstreamKind, DebugBitstreamXml.ToBytes(job.Bitstreams[device.DeviceName])))
            .Append(JobMemberSource.FromBytes(JobMemberEntry.JobDescriptionName, null, JobDescriptionXml.ToBytes(job.Description)));
        JobContainerWriter.Write(output, job.Header, [.. members]);
    }

    public static DebugJob Read(Stream input, string source)
    {
        var container = JobContainerFile.Read(input, source);
        if (!container.Header.FileName.EndsWith(DebugJob.Extension, StringComparison.Ordinal))
        {
            throw new JobFormatException(source, $"its file name line '{container.Header.FileName}' does not end in {DebugJob.Extension}: it is not a debug job");
        }

        var members = container.Members;
        if (members.Count == 0 || members[^1].Entry is not { Name: JobMemberEntry.JobDescriptionName, Kind: null })
        {
            throw new JobFormatException(source, "its last member is not the job description (XML)");
        }

        var description = JobDescriptionXml.Read(members[^1].Content, source);
        if (description.JobType != DebugJob.JobType || description.HsmTaskName.Length == 0)
        {
            throw new JobFormatException(source, $"its job description is not a debug job's (job_type '{description.JobType}', not {DebugJob.JobType}, or no HSM task)");
        }

        var targets = description.Devices.Where(device => !device.IsBypass).ToList();
        if (targets.Count == 0 || targets.Count != members.Count - 1)
        {
            throw new JobFormatException(source, $"it has {members.Count - 1} debug bitstream member(s) for {targets.Count} target(s); a debug job has one per target, at least one");
        }

        var bitstreams = new Dictionary<string, DebugBitstreamInfo>(StringComparer.Ordinal);
        for (var index = 0; index < targets.Count; index++)
        {
            var target = targets[index];
            if (members[index].Entry.Name != target.ProgrammingFileName || members[index].Entry.Kind != DebugJob.BitstreamKind || !bitstreams.TryAdd(target.DeviceName, DebugBitstreamXml.Read(members[index].Content, source)))
            {
                throw new JobFormatException(source, $"member {index + 1} ('{members[index].Entry.Name}') is not the {DebugJob.BitstreamKind} member '{target.ProgrammingFileName}' of target '{target.DeviceName}', once, in chain order");
            }

            CheckTickets(target, targets[0].TicketData, source);
        }

        if (description.Devices.FirstOrDefault(device => device.IsBypass && (device.ProgrammingFileName.Length > 0 || device.TicketData is not null)) is { } bypassed)
        {
            throw new JobFormatException(source, $"bypassed device '{bypassed.DeviceName}' names a programming file or carries tickets");
        }

        return new DebugJob(container.Header, description, bitstreams);
    }

    // Every target carries DEBUG tickets and its sealed secrets, all of one request and one M-HSM.
    private static void CheckTickets(JobDeviceDescription target, JobTicketData? first, string source)
    {
        var data = target.TicketData;
        if (data is null || first is null || data.Tickets.Count == 0 || data.SealedSecrets.Length == 0)
        {
            throw new JobFormatException(source, $"target '{target.DeviceName}' carries no DEBUG tickets with their sealed secrets");
        }

        if (!IsId(data.RequestId) || !Guid.TryParseExact(data.MHsmUuid, "D", out _) || data.RequestId != first.RequestId || data.MHsmUuid != first.MHsmUuid)
        {
            throw new JobFormatException(source, $"target '{target.DeviceName}' names request '{data.RequestId}' of M-HSM '{data.MHsmUuid}': a debug job's targets share one request id (32 lower-case hex digits) and one M-HSM UUID");
        }

        if (data.Tickets.Any(ticket => ticket.Action != DebugJob.Action || !IsId(ticket.TicketId) || ticket.Name.Length == 0)
            || data.Tickets.DistinctBy(ticket => ticket.TicketId).Count() != data.Tickets.Count)
        {
            throw new JobFormatException(source, $"a ticket of target '{target.DeviceName}' is not a named DEBUG ticket with its own id of 32 lower-case hex digits");
        }
    }

    private static bool IsId(string value) => value.Length == 32 && value.All(character => char.IsAsciiDigit(character) || character is >= 'a' and <= 'f');
}
