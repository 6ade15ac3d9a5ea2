using System.Diagnostics;
using System.Globalization;
using System.Net;

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

    [Fact]
    public void Init_without_a_world_joins_the_development_world_and_says_it_offers_no_security()
    {
        var init = HsmProgram.Run("init", "--store", Folder.Combine("store"));
        Assert.Equal(0, init.ExitCode);
        Assert.Contains($"world:             {DevelopmentWorld} (development world (published root: offers no security))\n", init.Stdout);
        Assert.Contains("\nWarning: this module is in the development world, whose root is published", init.Stdout);
        var info = HsmProgram.Run("info", "--store", Folder.Combine("store"), "--json");
        using var json = System.Text.Json.JsonDocument.Parse(info.Stdout);
        Assert.Equal((DevelopmentWorld, true), (json.RootElement.GetProperty("world").GetString(), json.RootElement.GetProperty("development_world").GetBoolean()));
    }

    [Fact]
    public void A_private_world_s_root_file_is_owner_only_and_modules_made_in_it_show_its_id()
    {
        var root = Folder.Combine("worlds", "root.json");
        var world = HsmProgram.Run("world", "--out", root);
        Assert.Equal(0, world.ExitCode);
        var id = System.Text.RegularExpressions.Regex.Match(world.Stdout, "Created security world ([0-9a-f]{64})").Groups[1].Value;
        Assert.NotEmpty(id);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root));
        }

        var init = HsmProgram.Run("init", "--store", Folder.Combine("store"), "--world", root);
        Assert.Equal(0, init.ExitCode);
        Assert.Contains($"world:             {id}\n", init.Stdout);
        Assert.DoesNotContain("development world", init.Stdout, StringComparison.Ordinal); // (its factory is still the development one: warned apart)
        Assert.Equal(2, HsmProgram.Run("world", "--out", root).ExitCode); // never overwritten
    }

    [Fact]
    public void A_missing_or_damaged_world_file_creates_nothing() =>
        InitRefusesMissingOrDamaged("--world", "spps-world-root", world => $"The world root file '{world}' cannot be used");

    // A file init reads (--world, --factory) that is missing, or of its format but damaged, is refused naming it, and no store is left.
    private void InitRefusesMissingOrDamaged(string option, string format, Func<string, string> expected)
    {
        var damaged = Folder.Combine("damaged.json");
        File.WriteAllText(damaged, $"{{\"format\":\"{format}\"}}");
        foreach (var file in new[] { Folder.Combine("missing.json"), damaged })
        {
            var init = HsmProgram.Run("init", "--store", Folder.Combine("store"), option, file);
            Assert.Equal(1, init.ExitCode);
            Assert.Contains(expected(file), init.Stderr);
            Assert.False(Directory.Exists(Folder.Combine("store")));
        }
    }

    [Fact]
    public void Init_serves_the_development_factory_labelled_unless_given_a_private_factory_file()
    {
        using var development = Spps.Formats.Production.DeviceFactory.Development();
        var published = HsmProgram.Run("init", "--store", Folder.Combine("dev"));
        Assert.Contains($"device factory:    {development.Id} (development factory (published seed: offers no security))\n", published.Stdout);
        Assert.Contains("\nWarning: this module serves the development device factory, whose seed is published", published.Stdout);

        using var factory = Spps.Formats.Production.DeviceFactory.Create();
        Spps.Formats.Production.DeviceFactoryFile.Write(factory, Folder.Combine("factory.json"));
        var own = HsmProgram.Run("init", "--store", Folder.Combine("own"), "--factory", Folder.Combine("factory.json"));
        Assert.Equal(0, own.ExitCode);
        Assert.Contains($"device factory:    {factory.Id}\n", own.Stdout);
        Assert.DoesNotContain("development device factory", own.Stdout, StringComparison.Ordinal);
        var info = HsmProgram.Run("info", "--store", Folder.Combine("own"), "--json");
        using var json = System.Text.Json.JsonDocument.Parse(info.Stdout);
        Assert.Equal((factory.Id, false), (json.RootElement.GetProperty("factory").GetString(), json.RootElement.GetProperty("development_factory").GetBoolean()));
        Assert.DoesNotContain(Convert.ToBase64String(factory.ExportSeed()), info.Stdout + own.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_damaged_factory_file_creates_nothing() =>
        InitRefusesMissingOrDamaged("--factory", "spps-device-factory", factory => $"spps-hsm: --factory: The device factory file '{factory}': it cannot be used");

    [Fact]
    public void Enroll_records_the_role_and_refuses_an_unknown_one_without_a_credential_file()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        var enrolled = HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("cm"), "--role", "manufacturer");
        Assert.Equal(0, enrolled.ExitCode);
        Assert.Contains("for the manufacturer role", enrolled.Stdout);
        var refused = HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("bad"), "--role", "admin");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("spps-hsm: --role: 'admin' is not a role of the module (expecting user or manufacturer).\n", refused.Stderr);
        Assert.False(File.Exists(Folder.Combine("bad")));
    }

    // The development world's id is published (docs/security.md): the root derived from the published seed must not change.
    private const string DevelopmentWorld = "2f0b64f1e7d1fbcc9594f8341caebe2586cf78768f538158281ba79a57fb9e2d";

    [Theory]
    [InlineData(new[] { "bogus" }, "spps-hsm: unknown command 'bogus' (expecting world, init, info, enroll, serve). Try 'spps-hsm --help'.")]
    [InlineData(new[] { "info" }, "spps-hsm: --store is required.")]
    [InlineData(new[] { "init", "--store" }, "spps-hsm: --store needs a value.")]
    [InlineData(new[] { "info", "--store", "x", "--colour" }, "spps-hsm: unknown option '--colour' (expecting --store, --json). Try 'spps-hsm --help'.")]
    [InlineData(new[] { "info", "--store", "x", "--store", "y" }, "spps-hsm: --store is given more than once.")]
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

    [Fact]
    public async Task Serve_says_when_it_listens_logs_each_request_with_its_utc_time_status_and_duration_and_says_when_sigterm_stops_it()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        var (server, address, log) = HsmProgram.ServeLogged(store);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://{address}/") };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/info")).StatusCode);
            using (var kill = Process.Start("kill", ["-s", "TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "serve ends on SIGTERM");
            Assert.Equal(0, server.ExitCode);
        }

        var lines = (await log).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ", line));
        Assert.Matches(@"Z Serving HSM module [0-9a-f-]{36} on http://127\.0\.0\.1:\d+/ \(Ctrl\+C or SIGTERM to stop\)\.$", lines[0]);
        Assert.Matches(@"Z GET /v1/info 401 \d+ ms by an unauthenticated client: refused, UNAUTHENTICATED: ", lines[1]);
        Assert.EndsWith("Z stopped", lines[2], StringComparison.Ordinal);
    }
}
