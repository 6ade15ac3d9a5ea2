using Spps.Formats.Bitstreams;
using Spps.Formats.Design;
using Spps.Formats.Jobs;
using Spps.Formats.Stapl;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

public sealed class JobExportTests : JobTest
{
    private static readonly string _uek1 = new('5', 64);

    public JobExportTests()
    {
        Data("PD", "M2S025");
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = _uek1 });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "U", Type = "UEK1", Features = ["FABRIC"] });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
    }

    private string Export(string job = "J", string name = "board") => Jobs.Export(job, "out", name, Folder.Path, Warnings.Add, _ => { });

    private static JobContainerFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JobContainerFile.Read(stream, path);
    }

    [Fact]
    public void A_three_device_chain_exports_as_a_container_with_programming_files_settings_and_description()
    {
        Other("J", "CPLD", 1, null, null, BsdlFile());
        Target("J", "FPGA", 2, bitstream: "U");
        Jobs.AddMicrochipBypass("J", "SOC", 3, "MPFS095T", null, Folder.Path);
        var path = Export();
        Assert.Equal(Folder.Combine("out", "board.job"), path);

        var job = Read(path);
        Assert.Equal(("board.job", "2.0", "JOBMANAGER", 3), (job.Header.FileName, job.Header.Version, job.Header.Creator, job.Header.Flags.Count));
        Assert.Equal([("FPGA_2.stp", "prg"), ("P.pro", "set"), ("XML", null)], job.Members.Select(member => (member.Entry.Name, member.Entry.Kind)));

        var stapl = StaplImage.From(StaplFile.Read(job.Members[0].Content, "FPGA_2.stp"), "FPGA_2.stp");
        Assert.Equal(("M2S025", "Top"), (stapl.Device.Name, stapl.DesignName));
        var fabric = BitstreamFormat.Read(stapl.Datastream).Components.Single(component => component.Type == ComponentType.Fabric);
        Assert.Equal(SeededBytes.Generate(4, "fabric", 3000), BitstreamFormat.Open(stapl.Datastream, fabric.Offset, Convert.FromHexString(_uek1)));
        var file = Bitstreams.ExportBitstream("PD", "U", ["STAPL"], "out/u", null, Folder.Path, _ => { }, _ => { })[0];
        Assert.Equal(StaplImage.From(StaplFile.Read(File.ReadAllBytes(file), file), file).Datastream, stapl.Datastream);

        var description = JobDescriptionXml.Read(job.Member("XML", null)!.Content, "XML");
        Assert.Equal("J", description.JobName);
        Assert.Equal(
        [
            new JobDeviceDescription { DeviceName = "CPLD", DeviceType = "HK_PART", HardwareId = 1, IrLength = 6, DrLength = 1, MaxTckMhz = 2.5, IsMicrochip = false, IsBypass = true },
            new JobDeviceDescription { DeviceName = "FPGA", ProgrammingFileName = "FPGA_2.stp", DeviceType = "M2S025", HardwareId = 2, IrLength = 8, DrLength = 0, MaxTckMhz = 30, IsMicrochip = true, IsBypass = false },
            new JobDeviceDescription { DeviceName = "SOC", DeviceType = "MPFS095T", HardwareId = 3, IrLength = 8, DrLength = 1, MaxTckMhz = 30, IsMicrochip = true, IsBypass = true },
        ], description.Devices);

        var settings = ProjectSettingsXml.Read(job.Member("P.pro", "set")!.Content, "P.pro");
        Assert.Equal(("P", "M2S025", 2_500_000L, Workspace.Project!.Folder), (settings.ProjectName, settings.TargetDevice, settings.TckHz, settings.ProjectDirectory));
        Assert.Equal(
            [new ProjectSettingsDevice("OTHER", "HK_PART", "CPLD", 6, 2_500_000), new ProjectSettingsDevice("ACTEL", "M2S025", "FPGA", 8, 30_000_000), new ProjectSettingsDevice("ACTEL", "MPFS095T", "SOC", 8, 30_000_000)],
            settings.Devices);
        SecretScan.AssertAbsent(Convert.FromHexString(_uek1), path);
    }

    [Fact]
    public void A_device_without_a_tck_limit_is_written_with_the_limit_of_the_others_so_it_lowers_nothing()
    {
        var noClock = BsdlFile(Bsdl.Replace("  attribute TAP_SCAN_CLOCK of TCK : signal is (2.5e6, BOTH);\r\n", string.Empty, StringComparison.Ordinal), "noclock.bsd");
        Other("J", "CPLD", 1, null, null, noClock);
        Target("J", "FPGA", 2, bitstream: "U");
        var job = Read(Export());
        var description = JobDescriptionXml.Read(job.Member("XML", null)!.Content, "XML");
        Assert.Equal([30.0, 30.0], description.Devices.Select(device => device.MaxTckMhz));
        var settings = ProjectSettingsXml.Read(job.Member("P.pro", "set")!.Content, "P.pro");
        Assert.Equal((4_000_000L, 30_000_000L), (settings.TckHz, settings.Devices[0].MaxTckHz));
    }

    [Fact]
    public void A_stapl_file_target_is_carried_as_given_and_the_programmer_tck_is_the_files_frequency()
    {
        var stapl = Stapl("MPF300T");
        Jobs.AddTarget("J", "EXT", 1, null, null, null, stapl, Folder.Path);
        Target("J", "FPGA", 2);
        File.Delete(stapl); // the project keeps its own copy
        var job = Read(Export(name: "two.JOB"));
        Assert.Equal("two.JOB", job.Header.FileName);
        Assert.Equal(["EXT_1.stp", "FPGA_2.stp", "P.pro", "XML"], job.Members.Select(member => member.Entry.Name));
        Assert.Equal(File.ReadAllBytes(Folder.Combine(Path.Combine(Workspace.Project!.Folder, Jobs.Job("J").Find("EXT")!.ProgrammingFile!))), job.Members[0].Content);
        Assert.Equal(4_000_000L, ProjectSettingsXml.Read(job.Members[2].Content, "pro").TckHz);
    }

    [Fact]
    public void Exporting_again_replaces_the_file_with_a_warning()
    {
        Target("J", "FPGA", 1);
        var path = Export();
        Export();
        Assert.Equal([$"Replacing the existing file '{path}'."], Warnings);
        Assert.Equal(["board.job"], Directory.GetFiles(Folder.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void Jobs_that_are_not_exportable_as_non_hsm_jobs_are_refused_and_nothing_is_written()
    {
        AssertRefused(() => Export(), "Job 'J' has no device to program: add one with add_microsemi_prog_device.", "NOTARGET", "J");
        Other("J", "CPLD", 1, 4, "10");
        Target("J", "FPGA", 3);
        AssertRefused(() => Export(),
            "The chain of job 'J' has no device at hardware location 2: describe every device between TDI and TDO, bypassed ones too, so the padding of each scan is right.",
            "CHAINGAP", "J");
        AssertRefused(() => Export(name: "sub/board"), "name: Invalid argument value: 'sub/board' (expecting a file name without folder; the folder is -location).", "BADVALUE", "-name", "sub/board");

        Jobs.NewJob("I", ProgrammingJob.Ihp, ProgrammingJob.JtagChain);
        Target("I", "FPGA", 1);
        AssertRefused(() => Export("I"),
            "Job 'I' is an IHP job; IHP supports the HSM job type only: add an HSM task (add_hsmtask_to_job) and export it with export_hsmtask.", "JOBTYPE", "I");
        Jobs.NewJob("D", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        AssertRefused(() => Export("D"),
            "Job 'D' is a SmartDebug (SDebug) job: its debug data is exported with its HSM task (export_hsmtask), not with export_prog_job.", "JOBTYPE", "D");

        Jobs.NewJob("H", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
        Target("H", "FPGA", 1);
        Services.HsmTasks.AddTask("H", "CM1", "EXTERNAL");
        AssertRefused(() => Export("H"),
            "Job 'H' has HSM tasks (CM1): a programming job that has one or more HSM tasks is considered to be HSM type and cannot be exported using the export_prog_job command. " +
            "An HSM job is exported using the export_hsmtask command.", "HSMJOB", "H");
        Assert.False(Directory.Exists(Folder.Combine("out")));
    }

    [Fact]
    public void A_failed_export_leaves_the_previous_file_and_no_partial_one()
    {
        var stapl = Stapl("M2S010");
        Jobs.AddTarget("J", "EXT", 1, null, null, null, stapl, Folder.Path);
        var path = Export();
        var before = File.ReadAllBytes(path);
        Target("J", "FPGA", 2);
        Service.SetKeys("PD", new Dictionary<string, string> { ["UEK1"] = new string('6', 64) });
        File.Delete(Path.Combine(Workspace.Project!.Folder, Jobs.Job("J").Find("EXT")!.ProgrammingFile!));
        var copy = Jobs.Job("J").Find("EXT")!.ProgrammingFile!;
        AssertRefused(() => Export(), $"The project's copy '{copy}' of the STAPL file of device 'EXT' is missing; add the device again.", "MISSINGFILE",
            Path.Combine(Workspace.Project!.Folder, copy));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["board.job"], Directory.GetFiles(Folder.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void An_hsm_master_bitstream_needs_an_hsm_task()
    {
        CreateKeyset();
        Data("HD", "M2S010", "ks");
        Service.InitBitstream("HD", new BitstreamRequest { Name = "HM", Type = "MASTER" });
        Target("J", "FPGA", 1, "HD", "HM");
        AssertRefused(() => Export(),
            "'HM' is a MASTER bitstream of the HSM flow: its keys are applied by the M-HSM when each device is programmed, so a job without an HSM task cannot program it: " +
            "add one with add_hsmtask_to_job and export the job with export_hsmtask.", "HSMJOBONLY", "HM");
    }

    [Fact]
    public void A_per_device_update_of_the_hsm_flow_is_exported_for_the_targets_dsn_and_needs_one()
    {
        CreateKeyset();
        Data("HD", "M2S010", "ks");
        Service.InitBitstream("HD", new BitstreamRequest { Name = "U1", Type = "UEK1", Protocol = "UNIQUE_KEY", UniqueKeyTypes = ["UEK1"] });
        var dsn = "00112233445566778899aabbccddeeff";
        Assert.Equal(dsn.ToUpperInvariant(), Target("J", "FPGA", 1, "HD", "U1", dsn).Dsn);
        var job = Read(Export());
        var stapl = StaplImage.From(StaplFile.Read(job.Members[0].Content, "FPGA_1.stp"), "FPGA_1.stp");
        Assert.Equal(Convert.FromHexString(dsn), BitstreamFormat.Read(stapl.Datastream).Header.Dsn);

        Target("J", "FPGA2", 2, "HD", "U1");
        AssertRefused(() => Export(),
            "'U1' encrypts with per-device UEK1 values (UNIQUE_KEY): give -dsn <32 hex digits> to make one device's file, or program it in a job with an HSM task, " +
            "where the M-HSM derives each device's key.", "NEEDSDSN", "U1");
    }
}
