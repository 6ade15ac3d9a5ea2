using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Spps.Hsm;
using Spps.Hsm.Client;

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

    [Fact]
    public void Clients_lists_the_enrolled_clients_in_an_aligned_table_or_as_json_and_never_a_secret()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        var none = HsmProgram.Run("clients", "--store", store);
        Assert.Equal((0, $"No client is enrolled with the HSM module in '{store}' ('spps-hsm enroll' enrolls one).\n"), (none.ExitCode, none.Stdout));
        Assert.Equal("[]\n", HsmProgram.Run("clients", "--store", store, "--json").Stdout);

        HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("alice"), "--name", "alice");
        HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("station"), "--name", "cm station 1", "--role", "manufacturer");
        var credentials = new[] { HsmCredential.Load(Folder.Combine("alice")), HsmCredential.Load(Folder.Combine("station")) };
        var table = HsmProgram.Run("clients", "--store", store);
        var json = HsmProgram.Run("clients", "--store", store, "--json");

        Assert.Equal(0, table.ExitCode);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^id {36}name {10}role {10}enrolled$", lines[0]);
        Assert.Matches($@"^{credentials[0].ClientId}  alice {{9}}user {{10}}\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", lines[1]);
        Assert.Matches($@"^{credentials[1].ClientId}  cm station 1  manufacturer  \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", lines[2]);
        using var listed = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal([(credentials[0].ClientId, "alice", "user"), (credentials[1].ClientId, "cm station 1", "manufacturer")],
            listed.RootElement.EnumerateArray().Select(client => (client.GetProperty("id").GetString(), client.GetProperty("name").GetString(), client.GetProperty("role").GetString())));
        Assert.All(listed.RootElement.EnumerateArray(), client => Assert.Equal(4, client.EnumerateObject().Count()));
        var wrapped = StoreQuery(store, "SELECT secret_wrapped FROM clients;").Select(Convert.FromHexString);
        foreach (var secret in credentials.Select(credential => credential.Secret).Concat(wrapped))
        {
            foreach (var run in new[] { table, json })
            {
                SecretScan.AssertAbsentFromText(secret, run.Stdout, "the standard output of 'spps-hsm clients'");
                SecretScan.AssertAbsentFromText(secret, run.Stderr, "the standard error of 'spps-hsm clients'");
            }
        }
    }

    [Fact]
    public void A_client_name_with_a_line_break_stays_on_its_line_of_the_table()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("cred"), "--name", "two\nlines");

        var lines = HsmProgram.Run("clients", "--store", store).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains("  two?lines  user  ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_revoked_while_the_server_runs_is_refused_from_its_next_request_and_enrolling_again_gives_a_new_credential()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("old"), "--name", "alice");
        var old = HsmCredential.Load(Folder.Combine("old"));
        var (server, address) = HsmProgram.Serve(store);
        try
        {
            var url = new Uri($"http://{address}/");
            using (var client = new RemoteUserHsm(url, old))
            {
                client.GetInfo();
            }

            var revoke = HsmProgram.Run("revoke", "--store", store, "--client", old.ClientId);
            Assert.Equal((0, $"Revoked client {old.ClientId} (alice), role user: its credential is refused from its next request on.\n", ""), (revoke.ExitCode, revoke.Stdout, revoke.Stderr));
            Assert.Equal([("admin", "revoke", $"ok: client {old.ClientId} (alice), role user")], StoreQuery(store, "SELECT client, operation, result FROM audit WHERE operation = 'revoke';")
                .Select(row => row.Split('|')).Select(row => (row[0], row[1], row[2])));
            Assert.Empty(StoreQuery(store, "SELECT * FROM request_nonces;"));

            HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("new"), "--name", "alice");
            var renewed = HsmCredential.Load(Folder.Combine("new"));
            using var refused = new RemoteUserHsm(url, HsmCredential.Load(Folder.Combine("old")));
            using var served = new RemoteUserHsm(url, renewed);
            Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => refused.GetInfo()).Code);
            Assert.NotEqual(old.ClientId, renewed.ClientId);
            Assert.Equal(1, served.GetInfo().EnrolledClients);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
            server.Dispose();
        }
    }

    [Fact]
    public void A_revocation_of_what_is_not_a_client_here_exits_1_naming_the_value_and_changes_nothing()
    {
        var store = Folder.Combine("store");
        HsmProgram.Run("init", "--store", store);
        HsmProgram.Run("enroll", "--store", store, "--out", Folder.Combine("cred"));
        HsmProgram.Run("init", "--store", Folder.Combine("other"));
        HsmProgram.Run("enroll", "--store", Folder.Combine("other"), "--out", Folder.Combine("other.cred"));
        var elsewhere = HsmCredential.Load(Folder.Combine("other.cred")).ClientId;
        var listing = $"; 'spps-hsm clients --store {store}' lists the enrolled ones.\n";
        var before = StoreQuery(store, "SELECT * FROM sqlite_master;").Concat(StoreDump(store)).ToList();

        var cases = new (string Id, string Error)[]
        {
            ("4ae04b3e-52a4-4eff-af20-22a1408e1740", $"spps-hsm: --client: no client '4ae04b3e-52a4-4eff-af20-22a1408e1740' is enrolled with the HSM module in '{store}'{listing}"),
            (elsewhere, $"spps-hsm: --client: no client '{elsewhere}' is enrolled with the HSM module in '{store}'{listing}"),
            ("alice", $"spps-hsm: --client: 'alice' is not a client id (expecting the UUID 'clientId' of a credential file, e.g. 123e4567-e89b-12d3-a456-426614174000){listing}"),
        };
        foreach (var (id, error) in cases)
        {
            var run = HsmProgram.Run("revoke", "--store", store, "--client", id);
            Assert.Equal((1, "", error), (run.ExitCode, run.Stdout, run.Stderr));
        }

        var missing = HsmProgram.Run("revoke", "--store", Folder.Combine("missing"), "--client", elsewhere);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"'{Folder.Combine("missing")}' is not an HSM store", missing.Stderr);
        Assert.False(Directory.Exists(Folder.Combine("missing")));
        Assert.Equal(before, StoreQuery(store, "SELECT * FROM sqlite_master;").Concat(StoreDump(store)));
    }

    // Every row of every table of a store, as text, sorted (a table WITHOUT ROWID has no row order to ask for).
    private static IEnumerable<string> StoreDump(string store) =>
        StoreQuery(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;").ToList()
            .SelectMany(table => StoreQuery(store, $"SELECT * FROM {table};").Order(StringComparer.Ordinal).Select(row => $"{table}: {row}"));

    // The rows a query reads from a store, each as its columns joined by '|', blobs in hex.
    private static List<string> StoreQuery(string store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(store, "hsm.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(column => reader.GetValue(column) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(column).ToString())));
        }

        return rows;
    }

    // The development world's id is published (docs/security.md): the root derived from the published seed must not change.
    private const string DevelopmentWorld = "2f0b64f1e7d1fbcc9594f8341caebe2586cf78768f538158281ba79a57fb9e2d";

    [Theory]
    [InlineData(new[] { "bogus" }, "spps-hsm: unknown command 'bogus' (expecting world, init, info, enroll, clients, revoke, serve). Try 'spps-hsm --help'.")]
    [InlineData(new[] { "revoke", "--store", "x" }, "spps-hsm: --client is required.")]
    [InlineData(new[] { "revoke", "--store", "x", "--client" }, "spps-hsm: --client needs a value.")]
    [InlineData(new[] { "clients", "--store", "x", "--client", "y" }, "spps-hsm: unknown option '--client' (expecting --store, --json). Try 'spps-hsm --help'.")]
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
