namespace Spps.EndToEnd.Tests;

public sealed class HsmProgramTests : EndToEndTest
{
    [Fact]
    public void Init_prints_the_uuids_and_info_json_has_them()
    {
        var store = Folder.Combine("store");
        var init = HsmProgram.Run("init", "--store", store, "--u-master-hsm-uuid", "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("u_master_hsm_uuid: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\n", init.Stdout);
        var info = HsmProgram.Run("info", "--store", store, "--json");
        Assert.Equal(0, info.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(info.Stdout);
        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", json.RootElement.GetProperty("u_master_hsm_uuid").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("u_hsm_uuid").GetString(), out _));
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("m_hsm_uuid").GetString(), out _));
        Assert.DoesNotContain("secret", info.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new[] { "bogus" }, "spps-hsm: unknown command 'bogus' (expecting init, info, enroll or serve). Try 'spps-hsm --help'.")]
    [InlineData(new[] { "info" }, "spps-hsm: --store is required.")]
    [InlineData(new[] { "init", "--store" }, "spps-hsm: --store needs a value.")]
    [InlineData(new[] { "info", "--store", "x", "--colour" }, "spps-hsm: unknown option '--colour' (expecting --store, --json).")]
    public void Usage_errors_exit_2_and_say_what_is_wrong(string[] args, string message)
    {
        var run = HsmProgram.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
    }

    [Fact]
    public void Refusals_of_the_hsm_exit_1()
    {
        var run = HsmProgram.Run("info", "--store", Folder.Combine("nothing-here"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not an HSM store", run.Stderr);
        Assert.Equal(1, HsmProgram.Run("serve", "--store", Folder.Combine("nothing-here")).ExitCode);
    }

    [Fact]
    public void Enroll_never_overwrites_a_credential()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        Assert.Equal(0, HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("cred")).ExitCode);
        var again = HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("cred"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists; a credential is never overwritten", again.Stderr);
    }

    [Fact]
    public void Serve_takes_an_ipv4_address_written_as_ipv6_and_a_port_in_use_is_a_clear_error()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        var (server, address) = HsmProgram.Serve(store, "[::ffff:127.0.0.1]:0");
        try
        {
            var busy = HsmProgram.Run("serve", "--store", store, "--listen", address);
            Assert.Equal(1, busy.ExitCode);
            Assert.StartsWith($"spps-hsm: --listen {address}: the server cannot listen there: ", busy.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", busy.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
            server.Dispose();
        }
    }
}
