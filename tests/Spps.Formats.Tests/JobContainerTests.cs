using System.Text;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;

namespace Spps.Formats.Tests;

public class JobContainerTests
{
    private static byte[] SampleBytes() => Samples.Read("job/PROC_SUBSYSTEM_BaseDesign.job");

    private static JobContainerFile Read(byte[] bytes) => JobContainerFile.Read(new MemoryStream(bytes), "test.job");

    private static byte[] Write(JobContainerHeader header, IEnumerable<JobMemberSource> members)
    {
        var output = new MemoryStream();
        JobContainerWriter.Write(output, header, [.. members]);
        return output.ToArray();
    }

    private static JobMemberSource Source(JobMember member) => new(member.Entry, stream => stream.Write(member.Content));

    [SkippableFact]
    public void Reads_Liberos_container_header_and_members()
    {
        var job = Read(SampleBytes());
        Assert.Equal(("PROC_SUBSYSTEM_BaseDesign.job", "2.0", new DateTime(2017, 11, 2, 12, 25, 11), "LIBERO"),
            (job.Header.FileName, job.Header.Version, job.Header.Created, job.Header.Creator));
        Assert.Equal([false, false, false], job.Header.Flags);
        Assert.Equal(
            [new JobMemberEntry("M2GL025_1.stp", "prg", 2039616), new JobMemberEntry("PROC_SUBSYSTEM.pro", "set", 2623), new JobMemberEntry("XML", null, 642)],
            job.Members.Select(member => member.Entry));
        var stapl = StaplFile.Read(job.Member("M2GL025_1.stp", JobMemberEntry.ProgrammingFile)!.Content, "member");
        Assert.Equal("M2GL025", stapl.Note("DEVICE"));
    }

    [SkippableFact]
    public void Writing_the_read_members_gives_the_sample_byte_for_byte()
    {
        var bytes = SampleBytes();
        var job = Read(bytes);
        Assert.Equal(bytes, Write(job.Header, job.Members.Select(Source)));
    }

    [SkippableFact]
    public void The_description_writer_reproduces_Liberos_XML_member()
    {
        var member = Read(SampleBytes()).Member("XML", null)!.Content;
        var description = JobDescriptionXml.Read(member, "XML");
        var device = Assert.Single(description.Devices);
        Assert.Equal(("PROC_SUBSYSTEM_BaseDesign_M2GL025", "", true), (description.JobName, description.HsmTaskName, description.IsJtagChain));
        Assert.Equal(new JobDeviceDescription
        {
            DeviceName = "M2GL025", ProgrammingFileName = "M2GL025_1.stp", DeviceType = "M2GL025", HardwareId = 1, IrLength = 8, DrLength = 0,
            MaxTckMhz = 30, IsMicrochip = true, IsBypass = false,
        }, device);
        Assert.Equal(Encoding.UTF8.GetString(member), Encoding.UTF8.GetString(JobDescriptionXml.ToBytes(description)));
    }

    [SkippableFact]
    public void The_settings_writer_reproduces_Liberos_project_member()
    {
        var member = Read(SampleBytes()).Member("PROC_SUBSYSTEM.pro", JobMemberEntry.ProjectSettings)!.Content;
        var settings = ProjectSettingsXml.Read(member, "pro");
        Assert.Equal(("PROC_SUBSYSTEM", "M2GL025", 4_000_000L), (settings.ProjectName, settings.TargetDevice, settings.TckHz));
        Assert.Equal([new ProjectSettingsDevice("ACTEL", "M2GL025", "M2GL025", 8, 30_000_000)], settings.Devices);
        Assert.EndsWith(@"\PROC_SUBSYSTEM.log", settings.LogFile, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(member), Encoding.UTF8.GetString(ProjectSettingsXml.ToBytes(settings)));
    }

    [Fact]
    public void A_chain_of_several_devices_reads_back_as_written()
    {
        var description = new JobDescription
        {
            JobName = "board <rev & B>",
            Devices =
            [
                new JobDeviceDescription { DeviceName = "CPLD", DeviceType = "xc9536_pc44", HardwareId = 1, IrLength = 8, DrLength = 1, MaxTckMhz = 10, IsMicrochip = false, IsBypass = true },
                new JobDeviceDescription { DeviceName = "FPGA", ProgrammingFileName = "FPGA_2.stp", DeviceType = "M2S025", HardwareId = 2, IrLength = 8, DrLength = 0, MaxTckMhz = 30, IsMicrochip = true, IsBypass = false },
                new JobDeviceDescription { DeviceName = "SOC", DeviceType = "MPFS095T", HardwareId = 3, IrLength = 8, DrLength = 1, MaxTckMhz = 2.5, IsMicrochip = true, IsBypass = true },
            ],
        };
        var read = JobDescriptionXml.Read(JobDescriptionXml.ToBytes(description), "XML");
        Assert.Equal((description.JobName, description.HsmTaskName, description.IsJtagChain), (read.JobName, read.HsmTaskName, read.IsJtagChain));
        Assert.Equal(description.Devices, read.Devices);

        var settings = new ProjectSettings
        {
            ProjectName = "p", ProjectDirectory = "/work/p", LogFile = "/work/p/p.log", TargetDevice = "M2S025", TckHz = 2_500_000,
            Devices = [new ProjectSettingsDevice(ProjectSettingsDevice.Other, "xc9536_pc44", "CPLD", 8, 10_000_000), new ProjectSettingsDevice("ACTEL", "M2S025", "FPGA", 8, 30_000_000)],
        };
        Assert.Equal(settings with { Devices = [] }, ProjectSettingsXml.Read(ProjectSettingsXml.ToBytes(settings), "pro") with { Devices = [] });
        Assert.Equal(settings.Devices, ProjectSettingsXml.Read(ProjectSettingsXml.ToBytes(settings), "pro").Devices);
    }

    [Fact]
    public void Members_with_any_name_and_an_old_header_without_creator_read_back()
    {
        var header = new JobContainerHeader { FileName = "a b@c.job", Version = "1.0", Created = new DateTime(2016, 1, 5, 7, 8, 9) };
        var members = new[]
        {
            JobMemberSource.FromBytes("dev @1|x.stp", "prg", [1, 2, 3]),
            JobMemberSource.FromBytes("empty.pro", "set", []),
            JobMemberSource.FromBytes("XML", null, Encoding.ASCII.GetBytes("<job_export/>")),
        };
        var job = Read(Write(header, members));
        Assert.Equal(header, job.Header with { Flags = header.Flags });
        Assert.Equal(header.Flags, job.Header.Flags);
        Assert.Equal(members.Select(member => member.Entry), job.Members.Select(member => member.Entry));
        Assert.Equal([1, 2, 3], job.Members[0].Content);
        Assert.Contains("dev%20%401%7Cx.stp%40prg|false|false|3\n", Encoding.ASCII.GetString(Write(header, members)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_writes_another_size_than_its_entry_is_an_error()
    {
        var member = new JobMemberSource(new JobMemberEntry("a.stp", "prg", 4), stream => stream.Write(new byte[3]));
        Assert.Throws<InvalidOperationException>(() => Write(new JobContainerHeader { FileName = "a.job", Created = DateTime.Today }, [member]));
    }

    [Fact]
    public void Every_truncation_and_altered_framing_is_refused()
    {
        var bytes = Write(new JobContainerHeader { FileName = "a.job", Created = new DateTime(2026, 1, 2, 3, 4, 5), Creator = "JOBMANAGER" },
            [JobMemberSource.FromBytes("a.stp", "prg", Encoding.ASCII.GetBytes("NOTE \"DEVICE\" \"M2S010\";\r\n")), JobMemberSource.FromBytes("XML", null, [7, 7])]);
        Read(bytes);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<JobFormatException>(() => Read(bytes[..length]));
        }

        var text = Encoding.Latin1.GetString(bytes);
        foreach (var (from, to) in new[]
                 {
                     ("\n2.0\n", "\n2.0\nJan 1\n"), ("|25\n", "|24\n"), ("|25\n", "|26\n"), ("\n62\n", "\n61\n"), ("<H<<", "<X<<"),
                     ("|false|false|2\n", "|no|false|2\n"), ("Fri Jan 02", "Fry Jan 02"),
                 })
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            Assert.Throws<JobFormatException>(() => Read(Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal))));
        }

        Assert.Throws<JobFormatException>(() => Read([.. bytes, 0]));
    }

    [Fact]
    public void Malformed_descriptions_are_refused_with_the_reason()
    {
        Assert.Contains("not XML", Assert.Throws<JobFormatException>(() => JobDescriptionXml.Read("<job_export>"u8.ToArray(), "XML")).Message, StringComparison.Ordinal);
        Assert.Contains("<devices>", Assert.Throws<JobFormatException>(() => JobDescriptionXml.Read("<job_export><job_name>a</job_name></job_export>"u8.ToArray(), "XML")).Message, StringComparison.Ordinal);
        var good = Encoding.UTF8.GetString(JobDescriptionXml.ToBytes(new JobDescription
        {
            JobName = "j",
            Devices = [new JobDeviceDescription { DeviceName = "d", DeviceType = "M2S010", HardwareId = 1, IrLength = 8, DrLength = 0, MaxTckMhz = 30, IsMicrochip = true, IsBypass = false }],
        }));
        var bad = good.Replace("<jtagIRSize>8<", "<jtagIRSize>eight<", StringComparison.Ordinal);
        Assert.Contains("jtagIRSize", Assert.Throws<JobFormatException>(() => JobDescriptionXml.Read(Encoding.UTF8.GetBytes(bad), "XML")).Message, StringComparison.Ordinal);
    }
}
