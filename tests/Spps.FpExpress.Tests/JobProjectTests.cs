using Spps.Devices;
using Spps.FpExpress.Projects;
using Spps.Hsm;
using Spps.Workspace.Projects;

namespace Spps.FpExpress.Tests;

/// <summary>
/// create_job_project, open_project, set_programming_action, save_project and close_project: a project made from any job
/// we export, refused whole when the job is damaged or bound to another M-HSM, reopened only with its job unchanged,
/// closed with the Job Manager's rule for unsaved changes.
/// </summary>
public sealed class JobProjectTests : FpExpressTest
{
    private JobProjectService Projects => Services.JobProjects;

    private string Location => Folder.Combine("station", "line1");

    private JobProject Create(string job, bool overwrite = false) => Projects.Create(Location, job, overwrite, Folder.Path, Warnings.Add);

    [Fact]
    public void A_job_without_an_hsm_task_makes_a_project_folder_with_its_pro_file_and_the_job_copy_left_open()
    {
        var job = Oe.PlainJob("Plain", "M2S010", "M2S025");

        var project = Create(job);

        Assert.Same(project, Projects.Project);
        Assert.Equal(Path.Combine(Location, "Plain.pro"), project.FilePath);
        Assert.Equal(File.ReadAllBytes(job), File.ReadAllBytes(Path.Combine(Location, "Plain.job")));
        Assert.Equal(["BYP", "FPGA1", "FPGA2"], project.Job.Devices.Select(device => device.DeviceName));
        Assert.Equal(["FPGA1", "FPGA2"], project.Job.Targets.Select(device => device.DeviceName));
        Assert.All(project.Job.Targets, target => Assert.Equal("PROGRAM", project.ActionOf(target)));
        Assert.Null(project.Job.BoundMHsmUuid);
        Assert.False(project.IsModified);
        Assert.Equal(CloseOutcome.Unchanged, Projects.Close(null));
        Assert.Null(Projects.Project);
    }

    [Fact]
    public void An_hsm_job_bound_to_this_program_s_m_hsm_is_accepted()
    {
        UseLocalModule();
        var project = Create(HsmJobForThisModule());

        Assert.Equal(MHsmUuid, project.Job.BoundMHsmUuid);
        Assert.Equal("CM1", project.Job.HsmTaskName);
        Assert.Equal(["T_PROG", "T_VER"], project.Job.Targets.Single().TicketData!.Tickets.Select(ticket => ticket.Name));
    }

    [Fact]
    public void An_hsm_job_for_another_m_hsm_is_refused_naming_both_and_nothing_is_made()
    {
        var other = HsmModule.Create(Folder.Combine("other-cm"), mHsmUuid: "0d7e8f2a-3b4c-4d5e-8f60-718293a4b5c6");
        using var otherRole = other.ManufacturerRole("tests");
        var job = Oe.HsmJob(other.Identity.MHsmUuid, (request, reply) => File.WriteAllBytes(reply, otherRole.ProcessJobRequest(File.ReadAllBytes(request)).ReplyContainer));
        UseLocalModule();

        var error = Assert.Throws<DomainException>(() => Create(job));

        Assert.Equal($"The job file '{job}' is an HSM job bound to M-HSM {other.Identity.MHsmUuid}, but this fpexpress uses M-HSM {MHsmUuid} (set_hsm_params). " +
                     "Run it on a station of that M-HSM, or have the Job Manager export the task for this one.", error.Message);
        Assert.Equal(["SPPS", "HSMMISMATCH", job, other.Identity.MHsmUuid, MHsmUuid], error.ErrorCode);
        Assert.False(Directory.Exists(Location));
        Assert.Null(Projects.Project);
    }

    [Fact]
    public void An_hsm_job_on_a_station_without_an_m_hsm_is_refused_naming_the_m_hsm_to_configure()
    {
        UseLocalModule();
        var job = HsmJobForThisModule();
        File.Delete(Services.Settings.FilePath);

        var error = Assert.Throws<DomainException>(() => Create(job));

        Assert.Contains($"bound to M-HSM {MHsmUuid}, and no M-HSM is configured. Use set_hsm_params -hsm_server_name <server> -m_hsm_uuid {MHsmUuid}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Location));
    }

    public static TheoryData<string, Func<byte[], byte[]>, string> DamagedJobs => new()
    {
        { "truncated", bytes => bytes[..(bytes.Length - 20)], "the file ends inside" },
        { "not a job", _ => "hello\n"u8.ToArray(), "the file ends inside the version line" },
        { "a size in the table altered", bytes => Replace(bytes, "|false|false|", "|false|false|1"), "" },
        { "the description made another job's", bytes => Replace(bytes, "<deviceName>FPGA1</deviceName>", "<deviceName>FPGA2</deviceName>"), "the device name 'FPGA2' is given twice" },
    };

    [Theory]
    [MemberData(nameof(DamagedJobs))]
    public void A_damaged_job_is_refused_naming_the_file_and_nothing_is_made(string what, Func<byte[], byte[]> damage, string reason)
    {
        var job = Oe.PlainJob("Plain", "M2S010", "M2S025");
        File.WriteAllBytes(job, damage(File.ReadAllBytes(job)));

        var error = Assert.Throws<DomainException>(() => Create(job));

        Assert.StartsWith($"The job file '{job}' cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "BADJOB", job], error.ErrorCode);
        Assert.False(Directory.Exists(Location), what);
    }

    [Fact]
    public void An_existing_project_is_replaced_only_with_overwrite_and_a_refusal_changes_nothing()
    {
        var job = Oe.PlainJob("Plain", "M2S010");
        Create(job);
        Projects.SetAction(null, "VERIFY");
        Projects.Close(save: true);
        var before = Snapshot();

        var error = Assert.Throws<DomainException>(() => Create(job));
        Assert.Equal($"The job project '{Path.Combine(Location, "Plain.pro")}' already exists. Open it with open_project, use -overwrite 1 to replace it, or choose another -job_project_location.", error.Message);
        Assert.Equal(before, Snapshot());

        var project = Create(job, overwrite: true);
        Assert.Equal("PROGRAM", project.ActionOf(project.Job.Targets[0]));
    }

    [Fact]
    public void A_project_reopens_with_its_saved_actions()
    {
        var path = Create(Oe.PlainJob("Plain", "M2S010", "M2S025")).FilePath;
        Projects.SetAction("FPGA2", "verify_digest");
        Projects.Save();
        Projects.SetAction("FPGA1", "ERASE");
        Assert.Equal(CloseOutcome.Discarded, Projects.Close(save: false));

        var reopened = Projects.Open(path, Folder.Path, Warnings.Add);

        Assert.Equal(["PROGRAM", "VERIFY_DIGEST"], reopened.Job.Targets.Select(reopened.ActionOf));
    }

    [Fact]
    public void A_modified_project_is_not_closed_without_saying_whether_to_save()
    {
        Create(Oe.PlainJob("Plain", "M2S010"));
        Projects.SetAction(null, "ERASE");

        var error = Assert.Throws<DomainException>(() => Projects.Close(null));

        Assert.Equal("Job project 'Plain' was modified. Specify -save TRUE to save the changes or -save FALSE to discard them.", error.Message);
        Assert.NotNull(Projects.Project);
        Assert.Equal(CloseOutcome.Saved, Projects.Close(save: true));
    }

    [Fact]
    public void A_job_copy_changed_since_the_project_was_made_is_refused_on_open()
    {
        var path = Create(Oe.PlainJob("Plain", "M2S010")).FilePath;
        Projects.Close(null);
        var copy = Path.Combine(Location, "Plain.job");
        File.WriteAllBytes(copy, File.ReadAllBytes(Oe.PlainJob("Plain", "M2S025")));

        var error = Assert.Throws<DomainException>(() => Projects.Open(path, Folder.Path, Warnings.Add));

        Assert.StartsWith($"The job copy '{copy}' has changed since the job project was created: its SHA-256 begins ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["SPPS", "CHANGED", copy], error.ErrorCode);
        Assert.Null(Projects.Project);
        Assert.False(File.Exists(ProjectLock.PathFor(path)));
    }

    public static TheoryData<string, string> DamagedProjectFiles => new()
    {
        { "{", "The job project file '{pro}' is not a valid job project: " },
        { """{"format":"spps-jobmanager-project","schemaVersion":1}""", "'format' is not \"spps-fpexpress-project\"" },
        { "ACTION", "the action 'FLY' of device 'FPGA1' is not one of PROGRAM, VERIFY, ERASE, READ_IDCODE, DEVICE_INFO, VERIFY_DIGEST, ENC_DATA_AUTHENTICATION" },
        { "DEVICE", "its actions name the devices FPGA9, not the job's targets FPGA1" },
    };

    [Theory]
    [MemberData(nameof(DamagedProjectFiles))]
    public void A_damaged_project_file_is_refused_naming_it_and_the_value(string content, string message)
    {
        var path = Create(Oe.PlainJob("Plain", "M2S010")).FilePath;
        Projects.Close(null);
        var saved = File.ReadAllText(path);
        File.WriteAllText(path, content switch
        {
            "ACTION" => saved.Replace("\"PROGRAM\"", "\"FLY\"", StringComparison.Ordinal),
            "DEVICE" => saved.Replace("\"FPGA1\"", "\"FPGA9\"", StringComparison.Ordinal),
            _ => content,
        });

        var error = Assert.Throws<DomainException>(() => Projects.Open(path, Folder.Path, Warnings.Add));

        Assert.True(error.Message.Contains(message.Replace("{pro}", path, StringComparison.Ordinal), StringComparison.Ordinal), error.Message);
        Assert.Equal(["SPPS", "CORRUPT", path], error.ErrorCode);
        Assert.Null(Projects.Project);
    }

    public static TheoryData<string?, string, string> ActionRefusals => new()
    {
        { null, "PROGRAM", "You must specify the device name parameter for the command 'set_programming_action' in chain programming mode. Targets: FPGA1, FPGA2." },
        { "FPGA7", "PROGRAM", "The device with 'FPGA7' name does not exist in job 'Plain'. Its targets: FPGA1, FPGA2." },
        { "BYP", "PROGRAM", "The device 'BYP' is bypassed in job 'Plain': it has no programming action. Targets: FPGA1, FPGA2." },
        { "FPGA1", "FLY", "The action 'FLY' is not supported. You must select the programming action from this list: 'PROGRAM, VERIFY, ERASE, READ_IDCODE, DEVICE_INFO, VERIFY_DIGEST, ENC_DATA_AUTHENTICATION'." },
    };

    [Theory]
    [MemberData(nameof(ActionRefusals))]
    public void A_programming_action_is_refused_naming_the_value_and_what_is_accepted(string? device, string action, string message)
    {
        var project = Create(Oe.PlainJob("Plain", "M2S010", "M2S025"));

        Assert.Equal(message, Assert.Throws<DomainException>(() => Projects.SetAction(device, action)).Message);

        Assert.False(project.IsModified);
    }

    [Fact]
    public void The_commands_run_in_a_script_and_an_open_project_stays_to_one_process()
    {
        var job = Oe.PlainJob("Plain", "M2S010");
        var pro = Tcl($"set p [create_job_project -job_project_location {{{Location}}} -job_file {{{job}}} -overwrite 1]; set_programming_action -action verify; save_project; close_project; set p");
        var reopened = Tcl($"open_project -project {{{pro}}}; set r [set_programming_action -action ERASE]; close_project -save FALSE; set r");

        Assert.Equal(Path.Combine(Location, "Plain.pro"), pro);
        Assert.Equal("ERASE", reopened);
        using var held = Projects.Open(pro, Folder.Path, Warnings.Add);
        Assert.Equal(["SPPS", "LOCKED", pro], TclFails($"open_project -project {{{pro}}}").ErrorCode.Take(3));
        Assert.Equal("No job project is open. Use create_job_project or open_project first.", TclFails("save_project").Message);
    }

    [Fact]
    public void A_run_that_ends_with_unsaved_changes_discards_them_and_says_so_and_one_without_changes_ends_cleanly()
    {
        var job = Oe.PlainJob("Plain", "M2S010");
        using var tcl = Spps.Tcl.TclInterpreter.Create();
        using var shell = FpExpressShell.Install(tcl, new Spps.Tcl.Hosting.ShellEnvironment(Home, TimeProvider.System));
        var pro = tcl.Eval($"create_job_project -job_project_location {{{Location}}} -job_file {{{job}}}");
        var saved = File.ReadAllBytes(pro);
        tcl.Eval("set_programming_action -action ERASE");

        Assert.True(shell.EndRun());
        Assert.Equal(saved, File.ReadAllBytes(pro));
        Assert.False(File.Exists(ProjectLock.PathFor(pro)));

        tcl.Eval($"open_project -project {{{pro}}}");
        Assert.False(shell.EndRun());
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Location).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var index = text.IndexOf(from, StringComparison.Ordinal);
        return System.Text.Encoding.Latin1.GetBytes(text[..index] + to + text[(index + from.Length)..]);
    }
}
