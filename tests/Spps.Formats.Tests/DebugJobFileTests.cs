using System.Text;
using Spps.Formats.Jobs;
using Spps.Formats.Tests.Fuzzing;

namespace Spps.Formats.Tests;

/// <summary>The debug job (<c>.ddc</c>, docs/formats/ddc.md): written and read by one codec, every rule of the reader, and mutations giving only its error.</summary>
public class DebugJobFileTests
{
    private static readonly JobContainerHeader _header = new() { FileName = "board.ddc", Created = new DateTime(2026, 1, 2, 3, 4, 5), Creator = "JOBMANAGER" };

    private static JobTicketData Tickets(char id) => new(new string('a', 32), "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        [new JobTicket(new string(id, 32), "T_DBG" + id, "DEBUG", null)], [.. Enumerable.Range(0, 150).Select(value => (byte)value)]);

    // Targets at locations 1 and 3, another maker's device bypassed at 2.
    private static DebugJob Job(Func<JobDeviceDescription, JobDeviceDescription>? change = null) => new(_header, new JobDescription
    {
        JobName = "board",
        HsmTaskName = "DBG1",
        JobType = DebugJob.JobType,
        Devices = [.. new[] { 1, 2, 3 }.Select(location => new JobDeviceDescription
        {
            DeviceName = "D" + location,
            ProgrammingFileName = location == 2 ? string.Empty : $"D{location}_{location}.dbg",
            DeviceType = location == 2 ? "xc9536" : "MPF300T",
            HardwareId = location,
            IrLength = 8,
            DrLength = location == 2 ? 1 : 0,
            MaxTckMhz = 10,
            IsMicrochip = location != 2,
            IsBypass = location == 2,
            TicketData = location == 2 ? null : Tickets(location == 1 ? 'b' : 'c'),
        }).Select(device => change?.Invoke(device) ?? device)],
    }, new Dictionary<string, DebugBitstreamInfo>
    {
        ["D1"] = new("MPF300", 0x0F8131CF, "top", 3, "UEK1"),
        ["D3"] = new("MPF300", 0x0F8131CF, "top", 3, "UEK2"),
    });

    private static byte[] Bytes(DebugJob job)
    {
        var output = new MemoryStream();
        DebugJobFile.Write(output, job);
        return output.ToArray();
    }

    private static string Refused(byte[] bytes) => Assert.Throws<JobFormatException>(() => DebugJobFile.Read(new MemoryStream(bytes), "board.ddc")).Message;

    [Fact]
    public void A_debug_job_reads_back_as_written()
    {
        var job = Job();
        var read = DebugJobFile.Read(new MemoryStream(Bytes(job)), "board.ddc");
        Assert.Equal((job.Header.FileName, job.Header.Created), (read.Header.FileName, read.Header.Created));
        Assert.Equal((DebugJob.JobType, "DBG1"), (read.Description.JobType, read.Description.HsmTaskName));
        Assert.Equal(job.Bitstreams, read.Bitstreams);
        Assert.Equal(job.Description.Devices.Select(device => device.TicketData?.Tickets.Single()), read.Description.Devices.Select(device => device.TicketData?.Tickets.Single()));
        Assert.Equal(job.Description.Devices[0].TicketData!.SealedSecrets, read.Description.Devices[0].TicketData!.SealedSecrets);
        Assert.Equal(["D1_1.dbg", "D3_3.dbg", "XML"], JobContainerFile.Read(new MemoryStream(Bytes(job)), "board.ddc").Members.Select(member => member.Entry.Name));
    }

    [Fact]
    public void A_job_description_without_a_job_type_stays_as_libero_writes_it()
    {
        var text = Encoding.UTF8.GetString(JobDescriptionXml.ToBytes(Job().Description with { JobType = string.Empty }));
        Assert.DoesNotContain("job_type", text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_not_a_debug_job_is_refused_with_the_reason()
    {
        Assert.Contains("does not end in .ddc", Refused(Bytes(Job() with { Header = _header with { FileName = "board.job" } })), StringComparison.Ordinal);
        Assert.Contains("not a debug job's", Refused(Bytes(Job() with { Description = Job().Description with { JobType = string.Empty } })), StringComparison.Ordinal);
        Assert.Contains("not a debug job's", Refused(Bytes(Job() with { Description = Job().Description with { HsmTaskName = string.Empty } })), StringComparison.Ordinal);
        Assert.Contains("no DEBUG tickets", Refused(Bytes(Job(device => device.IsBypass ? device : device with { TicketData = null }))), StringComparison.Ordinal);
        Assert.Contains("not a named DEBUG ticket", Refused(Bytes(Job(device => device.TicketData is { } data
            ? device with { TicketData = data with { Tickets = [data.Tickets[0] with { Action = "PROGRAM" }] } } : device))), StringComparison.Ordinal);
        Assert.Contains("share one request id", Refused(Bytes(Job(device => device.DeviceName == "D3" ? device with { TicketData = device.TicketData! with { RequestId = new string('d', 32) } } : device))),
            StringComparison.Ordinal);
        Assert.Contains("names a programming file or carries tickets", Refused(Bytes(Job(device => device.IsBypass ? device with { TicketData = Tickets('e') } : device))), StringComparison.Ordinal);
        Assert.Contains("<keyMode> 'KFP'", Refused(Bytes(Job() with { Bitstreams = new Dictionary<string, DebugBitstreamInfo>(Job().Bitstreams) { ["D1"] = Job().Bitstreams["D1"] with { KeyMode = "KFP" } } })),
            StringComparison.Ordinal);
        Assert.Contains("the IDCODE of MPF300", Refused(Bytes(Job() with { Bitstreams = new Dictionary<string, DebugBitstreamInfo>(Job().Bitstreams) { ["D3"] = Job().Bitstreams["D3"] with { IdCode = 1 } } })),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_debug_jobs_give_only_the_job_error()
    {
        var oneTarget = Job(device => device.DeviceName == "D3" ? device with { IsBypass = true, ProgrammingFileName = string.Empty, TicketData = null } : device);
        var target = new FuzzTarget("debug job", [Bytes(Job()), Bytes(oneTarget)], (bytes, source) => DebugJobFile.Read(new MemoryStream(bytes), source), error => error is JobFormatException)
        {
            Source = "fuzzed.ddc",
            StructuredMutations = [JobContainerFuzzTests.MemberContent],
        };
        Fuzzer.Run(target, seed: 1616, count: 3000);
    }
}
