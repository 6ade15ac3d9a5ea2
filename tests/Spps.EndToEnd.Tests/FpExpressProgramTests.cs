using System.Security.Cryptography;
using Spps.Hsm;
using Spps.Hsm.Protocol;

namespace Spps.EndToEnd.Tests;

/// <summary>
/// The real <c>fpexpress</c> program: the shared runner's invocation forms and exit codes under its own name and home,
/// and the HSM command group on an embedded and on a served M-HSM, with requests a U-HSM of the same world signed.
/// </summary>
public sealed class FpExpressProgramTests : EndToEndTest
{
    private const string MHsmUuid = "5a1e0000-1111-4222-8333-444455556666";

    private string FpExpressHome => Folder.Combine("fpexpress-home");

    [Fact]
    public void Usage_and_version_name_fpexpress_and_its_home_variable()
    {
        var usage = FpExpress.Run("--help");
        Assert.Equal(0, usage.ExitCode);
        Assert.Contains("  fpexpress [JOURNAL] SCRIPT:flow.tcl", usage.Stdout, StringComparison.Ordinal);
        Assert.Contains("else to fpexpress.jou in the settings folder", usage.Stdout, StringComparison.Ordinal);
        Assert.Contains("FPEXPRESS_HOME (settings folder)", usage.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("jobmanager", usage.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("fpexpress ", FpExpress.Run("--version").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_gets_its_arguments_and_its_exit_code_is_the_program_s()
    {
        var script = WriteScript("flow.tcl", "puts \"$argv0 [llength $argv] [lindex $argv 1]\"\nexit 4\n");
        var run = FpExpress.Run(script, "a", "b c");
        Assert.Equal(4, run.ExitCode);
        Assert.Equal($"{script} 2 b c\n", run.Stdout);

        var libero = FpExpress.Run($"SCRIPT:{script}", "SCRIPT_ARGS:x {y z}", "LOGFILE:run.log");
        Assert.Equal(4, libero.ExitCode);
        Assert.Equal($"{script} 2 y z\n", libero.Stdout);
        Assert.True(File.Exists(Work("run.log")));

        Assert.Equal("from stdin\n", FpExpress.Run([], "puts {from stdin}").Stdout);
    }

    [Fact]
    public void An_uncaught_error_exits_1_with_its_message_and_a_missing_script_exits_2()
    {
        var run = FpExpress.Run("-c", "list_all_hsm_tickets");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(
            "Error: No M-HSM is configured. Use set_hsm_params -hsm_server_name (local, or host:port of an spps-hsm server) -m_hsm_uuid <uuid> first.\n",
            run.Stderr, StringComparison.Ordinal);

        var missing = FpExpress.Run(Work("none.tcl"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"fpexpress: the script file '{Work("none.tcl")}' does not exist.\n", missing.Stderr);
    }

    [Fact]
    public void Settings_go_to_FPEXPRESS_HOME_never_to_the_Job_Manager_s_home()
    {
        var run = FpExpress.Run("-c", $"set_hsm_params -hsm_server_name local -m_hsm_uuid {MHsmUuid}");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Info: HSM parameters saved to '{Path.Combine(FpExpressHome, "settings.json")}' (M-HSM {MHsmUuid} on local).", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(MHsmUuid, HsmModule.Open(Path.Combine(FpExpressHome, "hsm")).Identity.MHsmUuid);
        Assert.False(Directory.Exists(Folder.Combine("home")));
    }

    [Fact]
    public void The_embedded_M_HSM_processes_a_request_lists_its_tickets_and_removes_them()
    {
        var (request, tickets) = WriteRequest("cm1.req");
        var run = FpExpress.Run("-c", $$"""
            set_hsm_params -hsm_server_name local -m_hsm_uuid {{MHsmUuid}}
            puts [process_job_request -request_file cm1.req -reply_file cm1.rep]
            set listed [list_all_hsm_tickets -output_file tickets.txt]
            puts [llength $listed]
            puts [lsort [lmap t $listed { dict get $t ticket }]]
            remove_hsm_tickets -ticket_ids {{{tickets[0].TicketId}}}
            puts [llength [list_all_hsm_tickets]]
            """);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"{Work("cm1.rep")}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ticket(s) stored in the M-HSM.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n2\nT_PROG T_VER\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Info: Removed ticket {tickets[0].TicketId} (job J, task CM1, ticket T_PROG, device FPGA, action PROGRAM).\n", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\n1\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("T_VER", File.ReadAllText(Work("tickets.txt")), StringComparison.Ordinal);
        Assert.True(File.Exists(request));
    }

    [Fact]
    public void A_served_M_HSM_is_reached_with_the_credential_and_processes_a_request_once()
    {
        var store = Folder.Combine("cm-hsm");
        Assert.Equal(0, HsmProgram.Run("init", "--store", store, "--m-hsm-uuid", MHsmUuid).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", store, "--role", "manufacturer", "--out", Path.Combine(FpExpressHome, "hsm-credential")).ExitCode);
        WriteRequest("cm1.req");
        var (server, address) = HsmProgram.Serve(store);
        try
        {
            var run = FpExpress.Run("-c", $$"""
                set_hsm_params -hsm_server_name {{address}} -m_hsm_uuid {{MHsmUuid}}
                process_job_request -request_file cm1.req -reply_file cm1.rep
                puts [llength [list_all_hsm_tickets]]
                process_job_request -request_file cm1.req -reply_file again.rep
                """);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("\n2\n", run.Stdout, StringComparison.Ordinal);
            Assert.StartsWith($"Error: Cannot process the job request '{Work("cm1.req")}': ", run.Stderr, StringComparison.Ordinal);
            Assert.True(File.Exists(Work("cm1.rep")));
            Assert.False(File.Exists(Work("again.rep")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    // A request for task CM1 of job J with a PROGRAM and a VERIFY ticket, signed by an OE's U-HSM of the development world.
    private (string Path, RequestedTicket[] Tickets) WriteRequest(string name)
    {
        RequestedTicket[] tickets =
        [
            new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "T_PROG", "FPGA", "MPF300", "PROGRAM", 1000, "AUTH_CODE"),
            new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "T_VER", "FPGA", "MPF300", "VERIFY", null, "AUTH_CODE"),
        ];
        using var user = HsmModule.Create(Folder.Combine("oe-hsm")).UserRole("tests");
        var path = Work(name);
        File.WriteAllBytes(path, user.SignJobRequest(new JobRequestContent("J", "CM1", tickets)).Container);
        return (path, tickets);
    }
}
