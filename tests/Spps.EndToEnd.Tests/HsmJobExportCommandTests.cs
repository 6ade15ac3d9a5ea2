using System.Security.Cryptography;
using Spps.Formats.Jobs;
using Spps.Testing;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// The HSM flow across two homes and two modules: the OEM's Job Manager (embedded U-HSM) exports a task's request,
/// FlashPro Express (embedded M-HSM) processes it, the Job Manager imports the reply and exports the HSM job bound to
/// that M-HSM. No key the OEM imported is in the job, the containers, the project, the log or the output. The same flow
/// runs with both modules served.
/// </summary>
public sealed class HsmJobExportCommandTests : EndToEndTest
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string MHsm = "6b1d9a52-7777-4888-9999-aaaabbbbcccc";

    private readonly Dictionary<string, byte[]> _keys = new[] { "kip", "upk1", "uek1", "uek1_base", "upk2", "uek2", "dpk" }
        .ToDictionary(name => name, _ => RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void The_oem_exports_the_hsm_job_bound_to_the_cm_s_m_hsm_and_no_key_leaves_the_hsm()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc").ExitCode);
        var imports = string.Join(" ", _keys.Select(key => $"-{key.Key} {Convert.ToHexString(key.Value)}"));
        var oem = JobManager.Run("-c",
            $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys\n" +
            $"create_keyset -file ks {imports}\n" +
            "new_project -location . -name P\n" +
            "new_prog_data -data_name HD -import_file top.jdc -keyset_file ks\n" +
            "init_bitstream -data_name HD -bitstream_name M -bitstream_type MASTER -use_protocol AUTH_CODE -generate_coc TRUE\n" +
            "new_prog_job -job_name J -job_type FPExpress\n" +
            "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 1 -data_name HD -bitstream_name M\n" +
            "add_hsmtask_to_job -job_name J -hsmtask_name CM1\n" +
            "new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name P1 -device FPGA -actions PROGRAM -max_device 100\n" +
            "hsmtask_m_request -job_name J -hsmtask_name CM1 -request_file cm1.req\n" +
            "catch {export_hsmtask -job_name J -hsmtask_name CM1 -location out -name cm} message options\n" +
            "puts \"[dict get $options -errorcode]: $message\"\n" +
            "close_project -save TRUE\n", "LOGFILE:oem1.log");
        Assert.True(oem.ExitCode == 0, oem.Stderr);
        Assert.Contains("SPPS TASKSTATE CM1 RequestExported: HSM task 'CM1' of job 'J' is in state RequestExported: the HSM job can only be exported after importing the job reply", oem.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Work("out")));

        var cm = FpExpress.Run("-c", $"set_hsm_params -hsm_server_name local -m_hsm_uuid {MHsm}\nprocess_job_request -request_file cm1.req -reply_file cm1.rep\n");
        Assert.True(cm.ExitCode == 0, cm.Stderr);

        var export = JobManager.Run("-c",
            "open_project -project P/P.jprj\n" +
            "hsmtask_m_reply -job_name J -hsmtask_name CM1 -reply_file cm1.rep\n" +
            "puts [export_hsmtask -job_name J -hsmtask_name CM1 -location out -name cm]\n" +
            "close_project -save TRUE\n", "LOGFILE:oem2.log");
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains($"{Work("out", "cm.job")}\n", export.Stdout, StringComparison.Ordinal);
        Assert.Contains($"bound to M-HSM {MHsm}", export.Stdout, StringComparison.Ordinal);

        JobContainerFile job;
        using (var stream = File.OpenRead(Work("out", "cm.job")))
        {
            job = JobContainerFile.Read(stream, "cm.job");
        }

        var description = JobDescriptionXml.Read(job.Member(JobMemberEntry.JobDescriptionName, null)!.Content, "cm.job");
        var fpga = Assert.Single(description.Devices);
        Assert.Equal(("CM1", MHsm), (description.HsmTaskName, fpga.TicketData!.MHsmUuid));
        Assert.Equal(["P1"], fpga.TicketData.Tickets.Select(ticket => ticket.Name));

        var files = new[] { Work("out", "cm.job"), Work("cm1.req"), Work("cm1.rep"), Work("oem1.log"), Work("oem2.log"), Work("oem1.jou"), Work("oem2.jou") }
            .Concat(Directory.EnumerateFiles(Work("P"), "*", SearchOption.AllDirectories)).ToList();
        foreach (var key in _keys.Values)
        {
            files.ForEach(file => SecretScan.AssertAbsent(key, file));
            SecretScan.AssertAbsentFromText(key, export.Stdout + export.Stderr + cm.Stdout + cm.Stderr, "the programs' output");
        }
    }

    [Fact]
    public void The_same_flow_runs_with_both_modules_served_each_client_enrolled_for_its_role()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc").ExitCode);
        var oemStore = Folder.Combine("oem-hsm");
        var cmStore = Folder.Combine("cm-hsm");
        Assert.Equal(0, HsmProgram.Run("init", "--store", oemStore, "--u-hsm-uuid", U, "--u-master-hsm-uuid", Master).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", oemStore, "--out", Folder.Combine("home", "hsm-credential")).ExitCode);
        Assert.Equal(0, HsmProgram.Run("init", "--store", cmStore, "--m-hsm-uuid", MHsm).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", cmStore, "--role", "manufacturer", "--out", Folder.Combine("fpexpress-home", "hsm-credential")).ExitCode);
        var (oemServer, oemAddress) = HsmProgram.Serve(oemStore);
        var (cmServer, cmAddress) = HsmProgram.Serve(cmStore);
        try
        {
            var request = JobManager.Run("-c",
                $"set_hsm_params -hsm_server_name {oemAddress} -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys\n" +
                "create_keyset -file ks\n" +
                "new_project -location . -name P\n" +
                "new_prog_data -data_name HD -import_file top.jdc -keyset_file ks\n" +
                "init_bitstream -data_name HD -bitstream_name M -bitstream_type MASTER -use_protocol AUTH_CODE\n" +
                "new_prog_job -job_name J -job_type FPExpress\n" +
                "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 1 -data_name HD -bitstream_name M\n" +
                "add_hsmtask_to_job -job_name J -hsmtask_name CM1\n" +
                "new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name P1 -device FPGA -actions PROGRAM -max_device 100\n" +
                "hsmtask_m_request -job_name J -hsmtask_name CM1 -request_file cm1.req\n" +
                "close_project -save TRUE\n");
            Assert.True(request.ExitCode == 0, request.Stderr);

            var cm = FpExpress.Run("-c", $"set_hsm_params -hsm_server_name {cmAddress} -m_hsm_uuid {MHsm}\nprocess_job_request -request_file cm1.req -reply_file cm1.rep\n");
            Assert.True(cm.ExitCode == 0, cm.Stderr);

            var export = JobManager.Run("-c",
                "open_project -project P/P.jprj\n" +
                "hsmtask_m_reply -job_name J -hsmtask_name CM1 -reply_file cm1.rep\n" +
                "puts [export_hsmtask -job_name J -hsmtask_name CM1 -location out -name cm]\n" +
                "close_project -save TRUE\n");
            Assert.True(export.ExitCode == 0, export.Stderr);
            Assert.Contains($"bound to M-HSM {MHsm}", export.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Work("out", "cm.job")));
        }
        finally
        {
            foreach (var server in new[] { oemServer, cmServer })
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }
    }
}
