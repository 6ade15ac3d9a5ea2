using Spps.Devices;
using Spps.JobManager.Jobs;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

public sealed class JobChainTests : JobTest
{
    public JobChainTests()
    {
        Data("PD", "M2S025");
        Service.InitBitstream("PD", new BitstreamRequest { Name = "M", Type = "MASTER" });
        Jobs.NewJob("J", ProgrammingJob.FlashProExpress, ProgrammingJob.JtagChain);
    }

    [Fact]
    public void Three_kinds_of_device_make_a_chain_ordered_by_location_with_its_padding_and_tck_limit()
    {
        Jobs.AddMicrochipBypass("J", "SOC", 3, "mpfs095t", null, Folder.Path);
        Target("J", "FPGA", 2);
        var cpld = Other("J", "CPLD", 1, null, null, BsdlFile());
        Other("J", "DSP", 4, 5, "12.5");

        Assert.Equal(("HK_PART", 6, 2.5, "15A5A0AB"), (cpld.BsdlEntity, cpld.IrLength, cpld.MaxTckMhz, cpld.IdCode));
        var chain = JtagChain.Of(Jobs.Job("J"));
        Assert.Equal(["CPLD", "FPGA", "SOC", "DSP"], chain.Positions.Select(position => position.Device.Name));
        Assert.Equal((27, 2.5), (chain.TotalIrLength, chain.MaxTckMhz));
        Assert.Equal([(21, 0, 3, 0), (13, 6, 2, 1), (5, 14, 1, 2), (0, 22, 0, 3)],
            chain.Positions.Select(position => (position.PreIr, position.PostIr, position.PreDr, position.PostDr)));
        var soc = chain.Positions[2].Device;
        Assert.Equal(("MPFS095T", ChainDeviceKind.MicrochipBypass, 8, 30.0, "0F8181CF"), (soc.Device, soc.Kind, soc.IrLength, soc.MaxTckMhz, soc.IdCode));
        var fpga = chain.Targets.Single().Device;
        Assert.Equal(("M2S025", "PD", "M"), (fpga.Device, fpga.DataName, fpga.BitstreamName));
        Assert.Empty(chain.MissingLocations);
        Assert.Empty(Warnings);
    }

    [Fact]
    public void The_chain_is_saved_with_the_project_and_read_back()
    {
        Target("J", "FPGA", 1);
        Other("J", "CPLD", 2, 4, "10");
        var file = Workspace.Project!.FilePath;
        Workspace.CloseProject(true);
        Assert.DoesNotContain("isBypassed", File.ReadAllText(file), StringComparison.Ordinal); // values computed from others are not stored
        Workspace.OpenProject(file, Folder.Path, _ => { });
        var chain = JtagChain.Of(Jobs.Job("J"));
        Assert.Equal([("FPGA", 1, ChainDeviceKind.Target), ("CPLD", 2, ChainDeviceKind.OtherBypass)],
            chain.Positions.Select(position => (position.Device.Name, position.Device.Location, position.Device.Kind)));
    }

    [Fact]
    public void Values_given_beside_a_bsdl_file_win_with_a_warning_when_they_differ()
    {
        var device = Other("J", "CPLD", 1, 7, "2.5", BsdlFile());
        Assert.Equal((7, 2.5), (device.IrLength, device.MaxTckMhz));
        Assert.Equal([$"-ir 7 overrides the IR length 6 of the BSDL file '{Folder.Combine("part.bsd")}' for device 'CPLD'."], Warnings);
        Warnings.Clear();
        device = Other("J", "CPLD2", 2, 6, "1", BsdlFile());
        Assert.Equal((6, 1.0), (device.IrLength, device.MaxTckMhz));
        Assert.Equal([$"-tck 1 overrides the highest TCK 2.5 MHz of the BSDL file '{Folder.Combine("part.bsd")}' for device 'CPLD2'."], Warnings);
    }

    [Fact]
    public void A_bsdl_file_without_tck_is_accepted_with_a_warning_and_its_device_does_not_limit_the_chain()
    {
        var noClock = BsdlFile(Bsdl.Replace("  attribute TAP_SCAN_CLOCK of TCK : signal is (2.5e6, BOTH);\r\n", string.Empty, StringComparison.Ordinal), "noclock.bsd");
        var cpld = Other("J", "CPLD", 1, null, null, noClock);
        Assert.Equal(("HK_PART", 6, (double?)null), (cpld.BsdlEntity, cpld.IrLength, cpld.MaxTckMhz));
        Assert.Equal([$"The BSDL file '{noClock}' gives no highest TCK (no TAP_SCAN_CLOCK attribute): device 'CPLD' does not limit the chain's TCK. Give -tck <MHz> if it has a limit."], Warnings);
        Assert.Null(JtagChain.Of(Jobs.Job("J")).MaxTckMhz);
        Target("J", "FPGA", 2);
        Assert.Equal(30.0, JtagChain.Of(Jobs.Job("J")).MaxTckMhz);

        Warnings.Clear();
        Assert.Equal(4.0, Other("J", "CPLD2", 3, null, "4", noClock).MaxTckMhz);
        Assert.Empty(Warnings);
        Assert.Equal(4.0, JtagChain.Of(Jobs.Job("J")).MaxTckMhz);
    }

    [SkippableFact]
    public void A_real_bsdl_file_without_its_tck_is_accepted()
    {
        var sample = Samples.Require("bsdl/xc9536_pc44.bsd");
        var text = File.ReadAllText(sample);
        var clock = text.Split('\n').Single(line => line.Contains("TAP_SCAN_CLOCK", StringComparison.Ordinal));
        var noClock = BsdlFile(text.Replace(clock + "\n", string.Empty, StringComparison.Ordinal), "xc9536_noclock.bsd");
        var cpld = Other("J", "CPLD", 1, null, null, noClock);
        Assert.Equal(("xc9536_pc44", 8, (double?)null), (cpld.BsdlEntity, cpld.IrLength, cpld.MaxTckMhz));
        Assert.Single(Warnings);
    }

    [Fact]
    public void A_bsdl_file_without_idcode_is_accepted()
    {
        var noId = BsdlFile(Bsdl.Replace("  attribute IDCODE_REGISTER of HK_PART : entity is \"0001\" & \"0101101001011010\" & \"00001010101\" & \"1\";\r\n", string.Empty, StringComparison.Ordinal), "noid.bsd");
        var device = Other("J", "CPLD", 1, null, "4", noId);
        Assert.Equal(("HK_PART", null, 6, 4.0), (device.BsdlEntity, device.IdCode, device.IrLength, device.MaxTckMhz));
    }

    [SkippableFact]
    public void Real_bsdl_files_and_a_real_microchip_stapl_file_are_accepted()
    {
        var bsdl = Samples.Require("bsdl/xc9536_pc44.bsd");
        var stapl = Samples.Require("stapl/M2GL025_1_base.stp");
        var cpld = Other("J", "CPLD", 1, null, null, bsdl);
        Assert.Equal(("xc9536_pc44", 8, 10.0), (cpld.BsdlEntity, cpld.IrLength, cpld.MaxTckMhz));
        var fpga = Jobs.AddTarget("J", "FPGA", 2, null, null, null, stapl, Folder.Path);
        Assert.Equal(("M2GL025", "0F8041CF", "PROC_SUBSYSTEM", "8516"), (fpga.Device, fpga.IdCode, fpga.DesignName, fpga.DesignChecksum));
        Assert.Equal(File.ReadAllBytes(stapl), File.ReadAllBytes(Path.Combine(Workspace.Project!.Folder, fpga.ProgrammingFile!)));
        var bypass = Jobs.AddMicrochipBypass("J", "TWIN", 3, null, stapl, Folder.Path);
        Assert.Equal(("M2GL025", ChainDeviceKind.MicrochipBypass, (string?)null), (bypass.Device, bypass.Kind, bypass.ProgrammingFile));
    }

    [Fact]
    public void Names_and_locations_are_unique_and_locations_positive()
    {
        Target("J", "FPGA", 2);
        AssertRefused(() => Other("J", "FPGA", 3, 4, "1"), "Job 'J' already has a device 'FPGA'; device names are unique in a job.", "DEVICEEXISTS", "FPGA");
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 2, "M2S010", null, Folder.Path),
            "Hardware location 2 of job 'J' is taken by device 'FPGA'; each chain index holds one device.", "LOCATIONTAKEN", "2");
        AssertRefused(() => Other("J", "a-b", 3, 4, "1"), "device_name: Invalid argument value: 'a-b' (expecting 1 to 64 letters, digits and '_').", "BADVALUE", "-device_name", "a-b");
        AssertRefused(() => Jobs.NewJob("J", ProgrammingJob.Ihp, ProgrammingJob.JtagChain), "Job 'J' already exists in project 'P'; job names are unique.", "JOBEXISTS", "J");
        AssertRefused(() => Target("K", "X", 1), "Project 'P' has no job 'K' (its jobs: J).", "NOJOB", "K");
    }

    [Fact]
    public void An_ihp_job_holds_exactly_one_microchip_target()
    {
        Jobs.NewJob("I", ProgrammingJob.Ihp, ProgrammingJob.JtagChain);
        Target("I", "FPGA", 1);
        AssertRefused(() => Target("I", "FPGA2", 2), "Job 'I' is an IHP job and already targets device 'FPGA'; a secured IHP job programs exactly one Microchip device.", "IHPCHAIN", "FPGA2");
        AssertRefused(() => Other("I", "CPLD", 2, 4, "1"),
            "Job 'I' is an IHP job: the IHP system manages the hardware setup, so the job holds its one Microchip target and no bypass devices.", "IHPCHAIN", "CPLD");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("fast")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void A_tck_that_is_not_a_positive_frequency_is_refused(string tck) =>
        AssertRefused(() => Other("J", "CPLD", 1, 4, tck), $"tck: Invalid argument value: '{tck}' (expecting a frequency in MHz greater than 0, e.g. 10 or 2.5).", "BADVALUE", "-tck", tck);

    [Fact]
    public void Another_makers_device_needs_ir_and_tck_or_a_bsdl_file_that_parses_with_an_ir_length_from_2_to_32()
    {
        AssertRefused(() => Other("J", "CPLD", 1, null, "4"),
            "add_non_microsemi_bypass_device needs the device's -ir <IR length> and -tck <MHz>, or its BSDL file with -file (missing: -ir).", "MISSING", "-ir");
        AssertRefused(() => Other("J", "CPLD", 1, 4, null),
            "add_non_microsemi_bypass_device needs the device's -ir <IR length> and -tck <MHz>, or its BSDL file with -file (missing: -tck).", "MISSING", "-tck");
        var broken = BsdlFile(Bsdl.Replace("entity is 6;", "entity is six;", StringComparison.Ordinal), "broken.bsd");
        var error = Assert.Throws<DomainException>(() => Other("J", "CPLD", 1, null, null, broken));
        Assert.StartsWith($"Parameter 'file': {broken}, line 3: ", error.Message, StringComparison.Ordinal);
        var wide = BsdlFile(Bsdl.Replace("entity is 6;", "entity is 38;", StringComparison.Ordinal)
            .Replace("(000010)", "(" + new string('0', 36) + "10)", StringComparison.Ordinal).Replace("(111111)", "(" + new string('1', 38) + ")", StringComparison.Ordinal), "wide.bsd");
        AssertRefused(() => Other("J", "CPLD", 1, null, null, wide),
            $"The BSDL file '{wide}' gives IR length 38 (expecting an IR length from 2 to 32).", "BADVALUE", "-ir", "38");
        Assert.Empty(Jobs.Job("J").Devices);
    }

    [Fact]
    public void A_target_needs_one_source_of_programming_that_suits_a_job()
    {
        var stapl = Stapl("M2S010");
        AssertRefused(() => Jobs.AddTarget("J", "T", 1, "PD", null, null, null, Folder.Path),
            "add_microsemi_prog_device needs the device's programming: -data_name and -bitstream_name (only -data_name was given), or -bitstream_file <STAPL file>.", "MISSING", "-bitstream_name");
        AssertRefused(() => Jobs.AddTarget("J", "T", 1, null, null, null, null, Folder.Path),
            "add_microsemi_prog_device needs the device's programming: -data_name and -bitstream_name, or -bitstream_file <STAPL file>.", "MISSING", "-data_name");
        AssertRefused(() => Jobs.AddTarget("J", "T", 1, "PD", "M", null, stapl, Folder.Path),
            "-bitstream_file gives the device's programming as it is; it cannot be combined with -data_name, -bitstream_name or -dsn.", "CONFLICT", "-bitstream_file");
        AssertRefused(() => Target("J", "T", 1, bitstream: "X"), "Programming Data 'PD' has no bitstream 'X' (its bitstreams: M).", "NOBITSTREAM", "X");
        AssertRefused(() => Target("J", "T", 1, dsn: new string('A', 32)),
            "-dsn makes a per-device update file of the HSM flow, where the U-HSM derives the device's keys; Programming Data 'PD' is in the non-HSM flow.", "BADVALUE", "-dsn");
        AssertRefused(() => Target("J", "T", 1, dsn: "12"), "dsn: Invalid argument value: '12' (expecting a device serial number of 32 hexadecimal digits).", "BADVALUE", "-dsn", "12");
        Service.SetNewKeysForRotation("PD", null, new Dictionary<string, string> { ["UEK1"] = new string('1', 64) }, _ => { });
        Service.InitBitstream("PD", new BitstreamRequest { Name = "R", Type = "KEY_ROTATION" });
        AssertRefused(() => Target("J", "T", 1, bitstream: "R"),
            "'R' is a KEY_ROTATION bitstream: an ordered set of files, each programmed after the one before; a job programs one file per device. Export the set with export_bitstream_file.",
            "ROTATIONSET", "R");
        Jobs.NewJob("D", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        AssertRefused(() => Target("D", "T", 1), "'M' is a MASTER bitstream; a SmartDebug (SDebug) job takes a DEBUG bitstream.", "JOBTYPE", "M");
    }

    [Fact]
    public void A_stapl_file_must_be_a_microchip_devices_with_its_own_idcode()
    {
        var path = Stapl("M2S010");
        var other = Altered(path, "NOTE \"DEVICE\" \"M2S010\";", "NOTE \"DEVICE\" \"EPM7128S\";", "other.stp");
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 1, null, other, Folder.Path),
            $"Parameter 'bitstream_file': '{other}' is not a STAPL file of a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device: its DEVICE note names 'EPM7128S'.",
            "NOTMICROCHIP", "-bitstream_file", other);
        var mismatch = Altered(path, "NOTE \"IDCODE\" \"0F8031CF\";", "NOTE \"IDCODE\" \"0F8071CF\";", "mismatch.stp");
        AssertRefused(() => Jobs.AddTarget("J", "T", 1, null, null, null, mismatch, Folder.Path),
            $"Parameter 'bitstream_file': the STAPL file '{mismatch}' names device M2S010 but its IDCODE 0F8071CF is not that device's (0F8031CF).", "BADVALUE", "-bitstream_file", mismatch);
        var foreign = Altered(path, "NOTE \"IDCODE\" \"0F8031CF\";", "NOTE \"IDCODE\" \"0F8030DD\";", "foreign.stp");
        AssertRefused(() => Jobs.AddTarget("J", "T", 1, null, null, null, foreign, Folder.Path),
            $"Parameter 'bitstream_file': '{foreign}' is not a STAPL file of a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device: its IDCODE note '0F8030DD' is not a Microchip IDCODE (manufacturer 0x1CF).",
            "NOTMICROCHIP", "-bitstream_file", foreign);
        var bsdl = BsdlFile();
        var error = Assert.Throws<DomainException>(() => Jobs.AddMicrochipBypass("J", "B", 1, null, bsdl, Folder.Path));
        Assert.Equal($"Parameter 'bitstream_file': {bsdl}, line 1: 'ENTITY' is not a statement allowed here (expecting NOTE, ACTION, DATA, PROCEDURE or CRC).", error.Message);
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 1, "M2S011", null, Folder.Path),
            "device_type: Invalid argument value: 'M2S011' (expecting a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC die or device name such as M2S010 or M2GL090TS; the closest are M2S010, M2S010S, M2S010T).",
            "BADVALUE", "-device_type", "M2S011");
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 1, "M2S010", path, Folder.Path),
            "add_microsemi_bypass_device takes the device by either -device_type <die name> or -bitstream_file <STAPL file>, not both.", "CONFLICT", "-device_type");
    }

    [Fact]
    public void A_debug_bitstream_belongs_to_a_smartdebug_job()
    {
        CreateKeyset();
        Data("HD", "M2S010", "ks");
        Service.InitBitstream("HD", new BitstreamRequest { Name = "D", Type = "DEBUG", Protocol = "ONE_TIME_PASSCODE", AuthKeyMode = "UEK1" });
        AssertRefused(() => Target("J", "T", 1, "HD", "D"), "'D' is a DEBUG bitstream, for SmartDebug: add it to a job of type SDebug.", "JOBTYPE", "D");
        Jobs.NewJob("S", ProgrammingJob.SmartDebug, ProgrammingJob.JtagChain);
        Assert.Equal("D", Target("S", "T", 1, "HD", "D").BitstreamName);
    }

    [Fact]
    public void A_bypass_device_needs_a_die_name_or_a_stapl_file_with_a_device_note()
    {
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 1, null, null, Folder.Path),
            "add_microsemi_bypass_device takes the device by either -device_type <die name> or -bitstream_file <STAPL file>; neither was given.", "MISSING", "-device_type");
        var noDevice = Altered(Stapl("M2S010"), "NOTE \"DEVICE\" \"M2S010\";\r\n", string.Empty, "nodevice.stp");
        AssertRefused(() => Jobs.AddMicrochipBypass("J", "B", 1, null, noDevice, Folder.Path),
            $"Parameter 'bitstream_file': '{noDevice}' is not a STAPL file of a SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device: it has no DEVICE note.",
            "NOTMICROCHIP", "-bitstream_file", noDevice);
    }
}
