using System.Text;
using Spps.Formats.Jobs;

namespace Spps.Formats.Tests.Fuzzing;

public class JobContainerFuzzTests
{
    private static readonly JobContainerHeader _header = new() { FileName = "board.job", Created = new DateTime(2026, 1, 2, 3, 4, 5), Creator = "JOBMANAGER" };

    // An HSM job's ticketed target carries its tickets and sealed secrets (docs/formats/job.md).
    private static readonly JobTicketData _tickets = new(new string('a', 32), "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        [new JobTicket(new string('b', 32), "P", "PROGRAM", 100), new JobTicket(new string('c', 32), "V", "VERIFY", null)], [.. Enumerable.Range(0, 180).Select(value => (byte)value)]);

    private static JobDescription Description(int devices, bool hsmJob) => new()
    {
        JobName = "board",
        HsmTaskName = hsmJob ? "T" : string.Empty,
        Devices = [.. Enumerable.Range(1, devices).Select(location => new JobDeviceDescription
        {
            DeviceName = "D" + location,
            ProgrammingFileName = location == 1 ? "D1_1.stp" : string.Empty,
            DeviceType = location == 1 ? "M2S010" : "xc9536",
            HardwareId = location,
            IrLength = 8,
            DrLength = location == 1 ? 0 : 1,
            MaxTckMhz = 10,
            IsMicrochip = location == 1,
            IsBypass = location != 1,
            TicketData = hsmJob && location == 1 ? _tickets : null,
        })],
    };

    private static ProjectSettings Settings(int devices) => new()
    {
        ProjectName = "P",
        ProjectDirectory = "/work/P",
        LogFile = "/work/P/P.log",
        TargetDevice = "M2S010",
        TckHz = 4_000_000,
        Devices = [.. Enumerable.Range(1, devices).Select(location => new ProjectSettingsDevice(
            location == 1 ? ProjectSettingsDevice.Microchip : ProjectSettingsDevice.Other, location == 1 ? "M2S010" : "xc9536", "D" + location, 8, 10_000_000))],
    };

    private static IReadOnlyList<JobMemberSource> Members(int devices, bool hsmJob = false) =>
    [
        JobMemberSource.FromBytes("D1_1.stp", JobMemberEntry.ProgrammingFile, Encoding.ASCII.GetBytes("NOTE \"DEVICE\" \"M2S010\";\r\nCRC 0000;\r\n")),
        JobMemberSource.FromBytes("P.pro", JobMemberEntry.ProjectSettings, ProjectSettingsXml.ToBytes(Settings(devices))),
        JobMemberSource.FromBytes(JobMemberEntry.JobDescriptionName, null, JobDescriptionXml.ToBytes(Description(devices, hsmJob))),
    ];

    private static byte[] Container(IReadOnlyList<JobMemberSource> members)
    {
        var output = new MemoryStream();
        JobContainerWriter.Write(output, _header, members);
        return output.ToArray();
    }

    // The container and the two XML members it describes, read as a job export is read back.
    private static void Read(byte[] bytes, string source)
    {
        var job = JobContainerFile.Read(new MemoryStream(bytes), source);
        foreach (var member in job.Members)
        {
            if (member.Entry.Kind == JobMemberEntry.ProjectSettings)
            {
                ProjectSettingsXml.Read(member.Content, source);
            }
            else if (member.Entry.Name == JobMemberEntry.JobDescriptionName)
            {
                JobDescriptionXml.Read(member.Content, source);
            }
        }
    }

    /// <summary>A member's content changed and the container framed again around it (its own header), so the member's own reader is reached.</summary>
    internal static readonly Mutation MemberContent = new("member content", (random, input, seeds) =>
    {
        var file = JobContainerFile.Read(new MemoryStream(input), "seed");
        var members = file.Members.ToList();
        var index = random.Next(members.Count);
        var mutation = ByteMutations.All[random.Next(ByteMutations.All.Count)];
        members[index] = members[index] with { Content = mutation.Apply(random, members[index].Content, seeds) };
        var output = new MemoryStream();
        JobContainerWriter.Write(output, file.Header, [.. members.Select(member => JobMemberSource.FromBytes(member.Entry.Name, member.Entry.Kind, member.Content))]);
        return output.ToArray();
    });

    [Fact]
    public void Mutated_job_containers_give_only_the_job_error()
    {
        var target = new FuzzTarget("job container", [Container(Members(1)), Container(Members(3)), Container(Members(2, hsmJob: true))], Read, error => error is JobFormatException)
        {
            Source = "fuzzed.job",
            StructuredMutations = [MemberContent],
        };
        Fuzzer.Run(target, seed: 1110, count: 3000);
    }

    [Fact]
    public void An_hsm_job_s_ticket_data_reads_back_as_written()
    {
        var description = JobDescriptionXml.Read(JobDescriptionXml.ToBytes(Description(2, hsmJob: true)), "board.job");
        Assert.Equal("T", description.HsmTaskName);
        var read = description.Devices[0].TicketData!;
        Assert.Equal((_tickets.RequestId, _tickets.MHsmUuid), (read.RequestId, read.MHsmUuid));
        Assert.Equal(_tickets.SealedSecrets, read.SealedSecrets);
        Assert.Equal(_tickets.Tickets, read.Tickets);
        Assert.Null(description.Devices[1].TicketData);
    }
}
