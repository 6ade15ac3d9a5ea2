using System.Security.Cryptography;

namespace Spps.EndToEnd.Tests;

public sealed class KeysetTests : EndToEndTest
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string M = "12345678-90ab-cdef-1234-567890abcdef";

    private readonly byte[] _uek1 = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _dpkBase = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _upk2 = RandomNumberGenerator.GetBytes(32);

    private string ThreeScenarios(string server) =>
        $"set_hsm_params -hsm_server_name {server} -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys -m_hsm_uuid {M}\n" +
        "create_keyset -file random\n" +
        $"create_keyset -file imported -uek1 {Convert.ToHexString(_uek1)} -dpk_base {Convert.ToHexStringLower(_dpkBase)}\n" +
        $"create_keyset -file copy -source_file imported -upk2 {Convert.ToHexString(_upk2)}\n" +
        "puts [dict get [report_keyset -file copy] master_key_uuid]\n";

    [Fact]
    public void Create_keyset_works_in_all_three_scenarios_with_the_embedded_hsm_and_leaks_no_key()
    {
        WriteScript("keys.tcl", ThreeScenarios("local"));
        var run = JobManager.Run("keys.tcl", "LOGFILE:run.log");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.EndsWith(Master + "\n", run.Stdout);
        Assert.Equal(["copy", "imported", "random"], Directory.GetFiles(Work("keys")).Select(Path.GetFileName).Order());
        AssertNoKeyLeaked(Work("keys"), Folder.Combine("home"), Work("run.log"));
        Assert.Contains("-uek1 <secret> -dpk_base <secret>", File.ReadAllText(Work("run.log")));
    }

    [Fact]
    public void Create_keyset_works_in_all_three_scenarios_against_a_running_server()
    {
        var store = Folder.Combine("server-store");
        Assert.Equal(0, HsmProgram.Run("init", "--store", store, "--u-hsm-uuid", U, "--u-master-hsm-uuid", Master, "--m-hsm-uuid", M).ExitCode);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("home", "hsm-credential")).ExitCode);
        var (server, address) = HsmProgram.Serve(store);
        using (server)
        {
            try
            {
                WriteScript("keys.tcl", ThreeScenarios(address));
                var run = JobManager.Run("keys.tcl", "LOGFILE:run.log");
                Assert.Equal(0, run.ExitCode);
                Assert.Equal("", run.Stderr);
                Assert.EndsWith(Master + "\n", run.Stdout);
                Assert.False(Directory.Exists(Folder.Combine("home", "hsm")), "no embedded module may be created when a server is named");
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }

        var info = HsmProgram.Run("info", "--store", store, "--json").Stdout;
        Assert.Contains("\"enrolled_clients\": 1", info);
        AssertNoKeyLeaked(Work("keys"), store, Work("run.log"));
    }

    [Fact]
    public void A_key_in_a_failing_command_is_redacted_from_the_error_trace_and_the_log()
    {
        var key = Convert.ToHexString(_uek1);
        WriteScript("bad.tcl", $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys\n" +
                               $"create_keyset -file ks -uek1 {key} -upk1 {key}0\n");
        var run = JobManager.Run("bad.tcl", "LOGFILE:run.log");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: upk1: Invalid argument value (expecting 64 hexadecimal digits; the value has 65 characters).", run.Stderr);
        Assert.Contains("\"create_keyset -file ks -uek1 <secret> -upk1 <secret>", run.Stderr);
        Assert.DoesNotContain(key, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, File.ReadAllText(Work("run.log")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unreachable_server_is_reported_with_the_libero_message()
    {
        HsmProgram.Run("init", "--store", Folder.Combine("s"));
        HsmProgram.Run("enroll", "--store", Folder.Combine("s"), "--out", Folder.Combine("cred"));
        JobManager.Environment["SPPS_HSM_CREDENTIAL"] = Folder.Combine("cred");
        var run = JobManager.Run("-c", $"set_hsm_params -hsm_server_name 127.0.0.1:9 -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys; create_keyset -file ks");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: Could not get server information. Check server address and connection and try again. (127.0.0.1:9:", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(Work("keys")));
    }

    private void AssertNoKeyLeaked(params string[] places)
    {
        foreach (var place in places)
        {
            var files = Directory.Exists(place) ? Directory.GetFiles(place, "*", SearchOption.AllDirectories) : [place];
            foreach (var file in files)
            {
                foreach (var key in new[] { _uek1, _dpkBase, _upk2 })
                {
                    SecretScan.AssertAbsent(key, file);
                }
            }
        }
    }
}
