namespace Spps.EndToEnd.Tests;

public sealed class HsmTaskCommandTests : EndToEndTest
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    [Fact]
    public void A_script_adds_tasks_and_tickets_reports_them_refuses_wrong_values_by_name_and_the_project_keeps_them()
    {
        Assert.Equal(0, JdcGenProgram.Run(Work(), "-die", "M2S010", "-design", "Top", "-version", "1", "-o", "top.jdc").ExitCode);
        var run = JobManager.Run("-c",
            $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys\n" +
            "create_keyset -file ks\n" +
            "new_project -location . -name P\n" +
            "new_prog_data -data_name HD -import_file top.jdc -keyset_file ks\n" +
            "new_prog_data -data_name PD -import_file top.jdc\n" +
            "init_bitstream -data_name HD -bitstream_name M -bitstream_type MASTER\n" +
            "init_bitstream -data_name HD -bitstream_name U -bitstream_type UEK1\n" +
            "init_bitstream -data_name PD -bitstream_name M -bitstream_type MASTER\n" +
            "new_prog_job -job_name J -job_type FPExpress\n" +
            "add_microsemi_prog_device -job_name J -device_name FPGA -device_hw_location 1 -data_name HD -bitstream_name M\n" +
            "add_microsemi_prog_device -job_name J -device_name UPD -device_hw_location 2 -data_name HD -bitstream_name U\n" +
            "add_microsemi_prog_device -job_name J -device_name PLAIN -device_hw_location 3 -data_name PD -bitstream_name M\n" +
            "add_hsmtask_to_job -job_name J -hsmtask_name CM1\n" +
            "add_hsmtask_to_job -job_name J -hsmtask_name CM2 -m_request_type internal\n" +
            "set id [new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name P1 -device FPGA -actions program -max_device 100]\n" +
            "new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name V1 -device FPGA -actions VERIFY -max_device Unlimited\n" +
            "new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name U1 -device UPD -actions PROGRAM -max_device 5\n" +
            "foreach command {\n" +
            "  {add_hsmtask_to_job -job_name J -hsmtask_name CM1}\n" +
            "  {add_hsmtask_to_job -job_name J -hsmtask_name CM3 -m_request_type LATER}\n" +
            "  {new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name X -device PLAIN -actions PROGRAM -max_device 1}\n" +
            "  {new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name X -device FPGA -actions VERIFY_DIGEST -max_device 1}\n" +
            "  {new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name X -device FPGA -actions ERASE -max_device 0}\n" +
            "  {new_hsmtask_ticket -job_name J -hsmtask_name CM9 -ticket_name X -device FPGA -actions ERASE -max_device 1}\n" +
            "  {new_hsmtask_ticket -job_name J -hsmtask_name CM1 -ticket_name X -device FPGA -actions ERASE}\n" +
            "  {export_prog_job -job_name J -location out -name board}\n" +
            "} { catch $command message options; puts \"[dict get $options -errorcode]: $message\" }\n" +
            "set report [report_hsmtask -job_name J]\n" +
            "set cm1 [lindex [dict get $report tasks] 0]\n" +
            "set p1 [lindex [dict get $cm1 tickets] 0]\n" +
            "puts \"tasks [llength [dict get $report tasks]] state [dict get $cm1 state] tickets [llength [dict get $cm1 tickets]] same id [expr {[dict get $p1 id] eq $id}]\"\n" +
            "puts \"one [llength [dict get [report_hsmtask -job_name J -hsmtask_name CM2] tasks]]\"\n" +
            "puts \"id $id\"\n" +
            "close_project -save TRUE\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Warning: Ticket 'U1' of HSM task 'CM1' limits PROGRAM to 5 devices, but bitstream 'U' of device 'UPD' uses no protocol, which cannot count devices: " +
                     "the limit will not be enforced (only AUTH_CODE, UNIQUE_KEY and ONE_TIME_PASSCODE can).\n", run.Stderr);
        Assert.Contains("Info: Added EXTERNAL HSM task 'CM1' to job 'J'.", run.Stdout);
        Assert.Contains("Info: Added INTERNAL HSM task 'CM2' to job 'J'.", run.Stdout);
        Assert.Matches("Info: Added ticket 'P1' \\(id [0-9a-f]{32}\\) to HSM task 'CM1' of job 'J': PROGRAM on device 'FPGA', at most 100 devices.", run.Stdout);
        Assert.Contains("Info: Added ticket 'V1' (id ", run.Stdout);
        Assert.Contains("SPPS TASKEXISTS CM1: Job 'J' already has an HSM task 'CM1'; task names are unique in a job.", run.Stdout);
        Assert.Contains("SPPS BADVALUE -m_request_type LATER: m_request_type: Invalid argument value: 'LATER' (expecting INTERNAL or EXTERNAL).", run.Stdout);
        Assert.Contains("SPPS NONHSM PLAIN: Device 'PLAIN' of job 'J' is programmed from Programming Data 'PD', which is in the non-HSM flow", run.Stdout);
        Assert.Contains("SPPS BADVALUE -actions VERIFY_DIGEST: actions: Invalid argument value: 'VERIFY_DIGEST' (expecting PROGRAM, ERASE or VERIFY; " +
                        "VERIFY_DIGEST runs without protocol data from the M-HSM, so it needs no ticket).", run.Stdout);
        Assert.Contains("SPPS BADVALUE -max_device 0: max_device: Invalid argument value: '0' (expecting a number of devices from 1 to 2147483647, or unlimited).", run.Stdout);
        Assert.Contains("SPPS NOTASK CM9: Job 'J' has no HSM task 'CM9' (its tasks: CM1, CM2).", run.Stdout);
        Assert.Contains("SPPS MISSING max_device: Required parameter 'max_device' is missing.", run.Stdout);
        Assert.Contains("SPPS HSMJOB J: Job 'J' has HSM tasks (CM1, CM2): a programming job that has one or more HSM tasks is considered to be HSM type", run.Stdout);
        Assert.Contains("Job:    J (FPExpress), 2 HSM tasks", run.Stdout);
        Assert.Contains("Task:   CM1 (EXTERNAL), state HasTickets, M-HSM not bound, 3 tickets", run.Stdout);
        Assert.Contains("Task:   CM2 (INTERNAL), state Created, M-HSM the Job Manager's own (INTERNAL), 0 tickets", run.Stdout);
        Assert.Contains("Ticket  Id                                Device  Action   Max devices", run.Stdout);
        Assert.Matches("V1      [0-9a-f]{32}  FPGA    VERIFY   unlimited", run.Stdout);
        Assert.Contains("tasks 2 state HasTickets tickets 3 same id 1", run.Stdout);
        Assert.Contains("one 1", run.Stdout);
        Assert.False(Directory.Exists(Work("out")));

        var id = run.Stdout.Split('\n').Single(line => line.StartsWith("id ", StringComparison.Ordinal))[3..];
        var reopened = JobManager.Run("-c",
            "open_project -project P/P.jprj\n" +
            "puts [dict get [lindex [dict get [lindex [dict get [report_hsmtask -job_name J -hsmtask_name CM1] tasks] 0] tickets] 0] id]\n" +
            "close_project -save FALSE\n");
        Assert.Equal(0, reopened.ExitCode);
        Assert.Contains(id + "\n", reopened.Stdout);
    }
}
