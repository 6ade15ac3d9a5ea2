using Spps.Tcl.Commands;
using Spps.Workspace.Projects;

namespace Spps.JobManager.Jobs;

/// <summary>The programming job area of the command reference (15.4.8.5), with <c>report_prog_job</c> (ours).</summary>
public static class JobCommands
{
    public const string Area = "Programming Job";

    /// <summary>The highest chain index accepted; a JTAG chain of more devices is not a board.</summary>
    public const long HighestLocation = 1024;

        /// <summary>The area's commands, each needing an open project.</summary>
    public static IReadOnlyList<CommandSpec> Create(JobService service, ProjectContext workspace) =>
        Commands(service).AllNeeding(Preconditions.OpenProject(workspace));

    private static IReadOnlyList<CommandSpec> Commands(JobService service) =>
    [
        new("new_prog_job", Area, "Creates a programming job for FlashPro Express, IHP or SmartDebug.",
        [
            OptionSpec.EntryName("job_name", "name", "Name of the job, unique in the project (letters, digits and '_').", required: true),
            OptionSpec.Choice("job_type", [ProgrammingJob.Ihp, ProgrammingJob.FlashProExpress, ProgrammingJob.SmartDebug],
                "IHP: job for the IHP flow; FPExpress: job for FlashPro Express; SDebug: debug job (DDC) for SmartDebug.", required: true),
            OptionSpec.Choice("setup", [ProgrammingJob.JtagChain], "Hardware setup: a JTAG chain.", defaultValue: ProgrammingJob.JtagChain),
        ], (context, options) =>
        {
            var job = service.NewJob(options.Text("job_name"), options.Text("job_type"), options.OptionalText("setup") ?? ProgrammingJob.JtagChain);
            context.Info($"Created {job.Type} job '{job.Name}' ({job.Setup}).");
            return job.Name;
        })
        {
            Example = """
            new_prog_job -job_name Board -job_type FPExpress
            new_prog_job -job_name Line1 -job_type FPExpress
            """,
        },
        new("add_microsemi_prog_device", Area, "Adds a Microchip device the job programs, from a Programming Data bitstream or a STAPL file.",
        [
            JobName(), DeviceName(), Location(),
            OptionSpec.EntryName("data_name", "data", "Programming Data holding the bitstream."),
            OptionSpec.EntryName("bitstream_name", "bitstream", "Bitstream of the Programming Data; generated when the job is exported."),
            OptionSpec.Text("dsn", "dsn_value", "Device serial number (32 hex digits) for a per-device UEK1/2/3 update file (HSM flow)."),
            OptionSpec.File("bitstream_file", "bitstream file", "An existing STAPL file of a Microchip device, programmed as it is."),
        ], (context, options) =>
        {
            var device = service.AddTarget(options.Text("job_name"), options.Text("device_name"), (int)options.Integer("device_hw_location"),
                options.OptionalText("data_name"), options.OptionalText("bitstream_name"), options.OptionalText("dsn"), options.OptionalText("bitstream_file"),
                Directory.GetCurrentDirectory());
            context.Info($"Added target '{device.Name}' ({device.Device}) at location {device.Location} of job '{options.Text("job_name")}', programmed from " +
                         (device.DataName is { } data ? $"bitstream '{device.BitstreamName}' of Programming Data '{data}'." : $"the STAPL file '{device.SourceFile}'."));
            return device.Name;
        })
        {
            Example = """
            add_microsemi_prog_device -job_name Board -device_name Controller \
                -device_hw_location 2 -data_name Board -bitstream_name Initiator
            add_microsemi_prog_device -job_name Line1 -device_name FPGA \
                -device_hw_location 1 -data_name Soc -bitstream_name Initiator
            """,
            Description = "Give -data_name and -bitstream_name, or -bitstream_file. Any SmartFusion 2, IGLOO 2, PolarFire or PolarFire SoC device can be programmed either way.",
        },
        new("add_microsemi_bypass_device", Area, "Adds a Microchip device left in BYPASS, by die name or by a STAPL file of it.",
        [
            JobName(), DeviceName(), Location(),
            OptionSpec.Text("device_type", "die_name", "Microchip die or device name, e.g. M2S010 or M2GL090TS."),
            OptionSpec.File("bitstream_file", "bitstream_file", "A STAPL file of the device, read for the device it names."),
        ], (context, options) =>
        {
            var device = service.AddMicrochipBypass(options.Text("job_name"), options.Text("device_name"), (int)options.Integer("device_hw_location"),
                options.OptionalText("device_type"), options.OptionalText("bitstream_file"), Directory.GetCurrentDirectory());
            context.Info($"Added bypass device '{device.Name}' ({device.Device}) at location {device.Location} of job '{options.Text("job_name")}'.");
            return device.Name;
        })
        {
            Example = """
            add_microsemi_bypass_device -job_name Board -device_name Companion \
                -device_hw_location 3 -device_type M2GL010
            """,
        },
        new("add_non_microsemi_bypass_device", Area, "Adds another maker's device left in BYPASS, by IR length and highest TCK or by its BSDL file.",
        [
            JobName(), DeviceName(), Location(),
            OptionSpec.Integer("ir", "IR_len", "Instruction register length in bits.", JobService.LowestIrLength, JobService.HighestIrLength),
            OptionSpec.Text("tck", "tck", "Highest TCK frequency in MHz."),
            OptionSpec.File("file", "bsdl_file", "BSDL file of the device; -ir and -tck given as well override its values."),
        ], (context, options) =>
        {
            var device = service.AddOtherBypass(options.Text("job_name"), options.Text("device_name"), (int)options.Integer("device_hw_location"),
                options.Has("ir") ? (int)options.Integer("ir") : null, options.OptionalText("tck"), options.OptionalText("file"), Directory.GetCurrentDirectory(), context.Warning);
            context.Info($"Added non-Microchip bypass device '{device.Name}'{(device.BsdlEntity is { } entity ? $" ({entity})" : string.Empty)} at location {device.Location} " +
                         $"of job '{options.Text("job_name")}': IR length {device.IrLength}, " +
                         (device.MaxTckMhz is { } mhz ? $"highest TCK {JobService.Mhz(mhz)} MHz." : "no highest TCK."));
            return device.Name;
        })
        {
            Example = """
            add_non_microsemi_bypass_device -job_name Board \
                -device_name HousekeepingCpld -device_hw_location 1 \
                -file housekeeping_cpld.bsd
            """,
        },
        new("export_prog_job", Area, "Exports a non-HSM FlashPro Express job as a .job file.",
        [
            JobName(),
            OptionSpec.Path("location", "path", "Folder the job file is written to; created when missing.", required: true),
            OptionSpec.FileName("name", "file", "File name of the job; .job is added when missing.", required: true),
        ], (context, options) =>
        {
            var path = service.Export(options.Text("job_name"), options.Text("location"), options.Text("name"), Directory.GetCurrentDirectory(), context.Warning, context.Info,
                context.Cancellation, context.Progress);
            context.Info($"Wrote '{path}'.");
            return path;
        })
        {
            Example = """
            export_prog_job -job_name Board -location jobs -name board_production
            """,
            Description = "Each target's bitstream is generated from its Programming Data as it is now. A job with an HSM task, an IHP job and a SmartDebug job " +
                          "are exported with export_hsmtask instead.",
        },
        new("report_prog_job", Area, "Shows a job's JTAG chain: devices in order, IR lengths, TCK limit and each device's PRE/POST padding.",
        [
            JobName(),
        ], (context, options) => JobReport.Print(service, options.Text("job_name"), context))
        {
            Example = """
            report_prog_job -job_name Board
            """,
        },
    ];

    private static OptionSpec JobName() => OptionSpec.EntryName("job_name", "job", "Name of the programming job.", required: true);

    private static OptionSpec DeviceName() => OptionSpec.EntryName("device_name", "device", "User name of the device, unique in the job (letters, digits and '_').", required: true);

    private static OptionSpec Location() =>
        OptionSpec.Integer("device_hw_location", "location", "Hardware location: the chain index, 1 next to TDI.", 1, HighestLocation, required: true);
}
