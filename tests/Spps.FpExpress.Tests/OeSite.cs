using Spps.Devices;
using Spps.Formats.Design;
using Spps.JobManager;
using Spps.Tcl;
using Spps.Tcl.Hosting;

namespace Spps.FpExpress.Tests;

/// <summary>
/// The OE's side of the tests: a Job Manager home of its own whose scripts export the jobs production runs, a job
/// without an HSM task and an HSM job bound to the CM's M-HSM, exactly as <c>jobmanager</c> would.
/// </summary>
public sealed class OeSite(TemporaryFolder folder)
{
    public const string UHsmUuid = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
    public const string MasterUuid = "6fa459ea-ee8a-4ca4-894e-db77e160355e";

    private int _projects;

    private string Home => folder.Combine("oe-home");

    /// <summary>Runs a script in a Job Manager of the OE's home; the error of a failing command is thrown.</summary>
    public string Tcl(string script)
    {
        using var tcl = TclInterpreter.Create();
        using var shell = JobManagerShell.Install(tcl, new ShellEnvironment(Home, TimeProvider.System));
        return tcl.Eval(script);
    }

    /// <summary>A generated design of <paramref name="device"/>, as Libero would export it, written as <c>&lt;name&gt;.jdc</c>.</summary>
    public string DesignFile(string name, string device, int version = 2, SecurityPolicy? policy = null)
    {
        var fabric = SeededBytes.Generate(4, name, 3000);
        var (design, _) = DesignGenerator.Generate(new DesignRequest
        {
            Device = device, DesignName = name, DesignVersion = version, Fabric = fabric, Policy = policy ?? new SecurityPolicy(),
            EnvmClients = DeviceCatalog.Find(device).Die.HasEnvm ? [("IMEM", 64, null)] : [],
        });
        var path = folder.Combine("oe-inputs", name + ".jdc");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, JdcFile.ToBytes(design, fabric, "tests", DateTimeOffset.UnixEpoch));
        return path;
    }

    /// <summary>
    /// Job <paramref name="job"/> without an HSM task: a Microchip bypass device at location 1, then one MASTER target per
    /// die of <paramref name="targets"/> (named FPGA1, FPGA2, …), exported to <c>out/&lt;job&gt;.job</c>.
    /// </summary>
    public string PlainJob(string job, params string[] targets)
    {
        var script = new System.Text.StringBuilder($"new_project -location {{{folder.Combine("oe")}}} -name P{job}{++_projects}\n");
        script.Append($"new_prog_job -job_name {job} -job_type FPExpress\n");
        script.Append($"add_microsemi_bypass_device -job_name {job} -device_name BYP -device_hw_location 1 -device_type M2S010\n");
        for (var index = 0; index < targets.Length; index++)
        {
            var data = $"D{index + 1}";
            script.Append($"new_prog_data -data_name {data} -import_file {{{DesignFile(job + data, targets[index])}}}\n");
            script.Append($"init_bitstream -data_name {data} -bitstream_name M -bitstream_type MASTER\n");
            script.Append($"add_microsemi_prog_device -job_name {job} -device_name FPGA{index + 1} -device_hw_location {index + 2} -data_name {data} -bitstream_name M\n");
        }

        script.Append($"export_prog_job -job_name {job} -location {{{folder.Combine("out")}}} -name {job}\nclose_project -save TRUE\n");
        Tcl(script.ToString());
        return folder.Combine("out", job + ".job");
    }

    /// <summary>
    /// Plain files of a MASTER bitstream of a design of <paramref name="device"/>, exported by export_bitstream_file in
    /// <paramref name="format"/> (STAPL or DAT) as <c>out/&lt;name&gt;</c>; returns the file's path.
    /// </summary>
    public string PlainFile(string name, string device, string format)
    {
        var prefix = folder.Combine("out", name);
        Tcl($$"""
            new_project -location {{{folder.Combine("oe")}}} -name F{{name}}{{++_projects}}
            new_prog_data -data_name D -import_file {{{DesignFile(name, device)}}}
            init_bitstream -data_name D -bitstream_name M -bitstream_type MASTER
            export_bitstream_file -data_name D -bitstream_name M -formats {{format}} -export_path {{{prefix}}}
            close_project -save TRUE
            """);
        return Directory.EnumerateFiles(Path.GetDirectoryName(prefix)!, name + ".*").Single();
    }

    /// <summary>
    /// The secure flow's HSM job for the M-HSM <paramref name="mHsmUuid"/>: an Initiator (AUTH_CODE, CoC) on target FPGA
    /// of die M2S010, task CM1 with tickets T_PROG (PROGRAM, <paramref name="maxDevices"/>) and T_VER (VERIFY, unlimited);
    /// <paramref name="processRequest"/> is the CM's process_job_request (request file → reply file). With
    /// <paramref name="policy"/> the design programs those security settings (e.g. debug locked).
    /// </summary>
    public string HsmJob(string mHsmUuid, Action<string, string> processRequest, long maxDevices = 3, string job = "Line1", SecurityPolicy? policy = null)
    {
        var exchange = folder.Combine("exchange");
        Directory.CreateDirectory(exchange);
        Tcl($$"""
            set_hsm_params -hsm_server_name local -u_hsm_uuid {{UHsmUuid}} -u_master_hsm_uuid {{MasterUuid}} -m_hsm_uuid {{mHsmUuid}} -hsm_key_set_dir {{{folder.Combine("keysets")}}}
            create_keyset -file production.ks
            new_project -location {{{folder.Combine("oe")}}} -name H{{job}}
            new_prog_data -data_name Board -import_file {{{DesignFile(job + "Board", "M2S010", version: 3, policy)}}} -keyset_file production.ks
            init_bitstream -data_name Board -bitstream_name Initiator -bitstream_type MASTER -use_protocol AUTH_CODE -generate_coc TRUE
            new_prog_job -job_name {{job}} -job_type FPExpress
            add_microsemi_prog_device -job_name {{job}} -device_name FPGA -device_hw_location 1 -data_name Board -bitstream_name Initiator
            add_hsmtask_to_job -job_name {{job}} -hsmtask_name CM1
            new_hsmtask_ticket -job_name {{job}} -hsmtask_name CM1 -ticket_name T_PROG -device FPGA -actions PROGRAM -max_device {{maxDevices}}
            new_hsmtask_ticket -job_name {{job}} -hsmtask_name CM1 -ticket_name T_VER -device FPGA -actions VERIFY -max_device unlimited
            hsmtask_m_request -job_name {{job}} -hsmtask_name CM1 -request_file {{{Path.Combine(exchange, job + ".req")}}}
            close_project -save TRUE
            """);
        processRequest(Path.Combine(exchange, job + ".req"), Path.Combine(exchange, job + ".rep"));
        Tcl($$"""
            open_project -project {{{folder.Combine("oe", "H" + job, "H" + job + ".jprj")}}}
            hsmtask_m_reply -job_name {{job}} -hsmtask_name CM1 -reply_file {{{Path.Combine(exchange, job + ".rep")}}}
            export_hsmtask -job_name {{job}} -hsmtask_name CM1 -location {{{folder.Combine("out")}}} -name {{job}}_CM1
            close_project -save TRUE
            """);
        return folder.Combine("out", job + "_CM1.job");
    }

    /// <summary>
    /// After <see cref="HsmJob"/> of <paramref name="job"/>: in the same project, a DEBUG bitstream of its Programming Data
    /// (ONE_TIME_PASSCODE under <paramref name="keyMode"/>) and the SmartDebug job <c>&lt;job&gt;Debug</c> with target FPGA,
    /// task DBG with ticket T_DEBUG (DEBUG, <paramref name="maxUnlocks"/>), its request processed as
    /// <paramref name="processRequest"/> does, exported as <c>out/&lt;job&gt;_DBG.ddc</c>.
    /// </summary>
    public string DebugJob(Action<string, string> processRequest, long maxUnlocks = 2, string job = "Line1", string keyMode = "UEK1")
    {
        var exchange = folder.Combine("exchange");
        var project = folder.Combine("oe", "H" + job, "H" + job + ".jprj");
        Tcl($$"""
            open_project -project {{{project}}}
            init_bitstream -data_name Board -bitstream_name Debug -bitstream_type DEBUG -use_protocol ONE_TIME_PASSCODE -auth_keymode {{keyMode}}
            new_prog_job -job_name {{job}}Debug -job_type SDebug
            add_microsemi_prog_device -job_name {{job}}Debug -device_name FPGA -device_hw_location 1 -data_name Board -bitstream_name Debug
            add_hsmtask_to_job -job_name {{job}}Debug -hsmtask_name DBG
            new_hsmtask_ticket -job_name {{job}}Debug -hsmtask_name DBG -ticket_name T_DEBUG -device FPGA -actions DEBUG -max_device {{maxUnlocks}}
            hsmtask_m_request -job_name {{job}}Debug -hsmtask_name DBG -request_file {{{Path.Combine(exchange, job + "_dbg.req")}}}
            close_project -save TRUE
            """);
        processRequest(Path.Combine(exchange, job + "_dbg.req"), Path.Combine(exchange, job + "_dbg.rep"));
        Tcl($$"""
            open_project -project {{{project}}}
            hsmtask_m_reply -job_name {{job}}Debug -hsmtask_name DBG -reply_file {{{Path.Combine(exchange, job + "_dbg.rep")}}}
            export_hsmtask -job_name {{job}}Debug -hsmtask_name DBG -location {{{folder.Combine("out")}}} -name {{job}}_DBG
            close_project -save TRUE
            """);
        return folder.Combine("out", job + "_DBG.ddc");
    }
}
