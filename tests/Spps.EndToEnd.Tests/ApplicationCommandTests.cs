namespace Spps.EndToEnd.Tests;

public sealed class ApplicationCommandTests : EndToEndTest
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string M = "12345678-90ab-cdef-1234-567890abcdef";

    [Fact]
    public void Hsm_parameters_persist_across_processes()
    {
        var set = JobManager.Run("-c",
            $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U} -u_master_hsm_uuid {Master} -hsm_key_set_dir keys -m_hsm_uuid {M}");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal($"Info: HSM parameters saved to '{Folder.Combine("home", "settings.json")}'.\n", set.Stdout);

        var read = JobManager.Run("-c",
            "set i [get_software_info]; foreach k {hsm_server_name u_hsm_uuid u_master_hsm_uuid m_hsm_uuid hsm_key_set_dir} { puts [dict get $i $k] }");
        var printed = read.Stdout.Split('\n');
        Assert.Equal(["local", U, Master, M, Work("keys"), string.Empty], printed[^6..]);
        Assert.True(Directory.Exists(Work("keys")));
    }

    [Fact]
    public void A_refused_set_hsm_params_changes_nothing()
    {
        JobManager.Run("-c", $"set_hsm_params -hsm_server_name local -u_hsm_uuid {U}");
        var settings = Folder.Combine("home", "settings.json");
        var before = File.ReadAllBytes(settings);
        var run = JobManager.Run("-c", "set_hsm_params -hsm_server_name other -u_hsm_uuid not-a-uuid -hsm_key_set_dir newkeys");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: u_hsm_uuid: Invalid argument value: 'not-a-uuid' (expecting a UUID such as 123e4567-e89b-12d3-a456-426614174000).", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(settings));
        Assert.False(Directory.Exists(Work("newkeys")));
    }

    [Fact]
    public void The_server_name_is_required_and_may_not_be_empty()
    {
        Assert.StartsWith("Error: Required parameter 'hsm_server_name' is missing.", JobManager.Run("-c", $"set_hsm_params -u_hsm_uuid {U}").Stderr);
        Assert.StartsWith("Error: HSM server name cannot be empty.", JobManager.Run("-c", "set_hsm_params -hsm_server_name {}").Stderr);
    }

    [Fact]
    public void Software_info_reports_name_version_tcl_runtime_and_settings_file()
    {
        var run = JobManager.Run("-c", "get_software_info");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal("Name:              SPPS Job Manager (open implementation)", lines[0]);
        Assert.Matches(@"^Version:\s+\d+\.\d+\.\d+", lines[1]);
        Assert.Matches(@"^Tcl:\s+8\.6\.\d+$", lines[2]);
        Assert.Matches(@"^Runtime:\s+\.NET 10\.", lines[3]);
        Assert.Equal($"Settings file:     {Folder.Combine("home", "settings.json")}", lines[4]);
        Assert.Equal("HSM server:        (not set)", lines[5]);
    }

    [Fact]
    public void Software_info_version_prints_and_returns_only_the_version()
    {
        var run = JobManager.Run("-c", "set v [get_software_info -version]; puts \"returned $v\"");
        var printed = run.Stdout.Split('\n')[0];
        Assert.Matches(@"^\d+\.\d+\.\d+", printed);
        Assert.Equal($"{printed}\nreturned {printed}\n", run.Stdout);
    }
}
