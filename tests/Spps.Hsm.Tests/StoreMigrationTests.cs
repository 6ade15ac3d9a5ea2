using Spps.Testing;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Formats.Production;
using Spps.Hsm.Store;

namespace Spps.Hsm.Tests;

/// <summary>
/// A store written by an earlier version is upgraded when it is opened, in one transaction; a newer one is refused.
/// The fixture is a module made by the version whose store had schema 1 (Fixtures/README.md).
/// </summary>
public sealed class StoreMigrationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static string Fixture(string name, [CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", name);

    // A copy of the schema-1 store: opening a store may upgrade it.
    private string VersionOneStore() => CopyOf("store-v1");

    private string CopyOf(string fixture)
    {
        var store = _folder.Combine(fixture);
        Directory.CreateDirectory(store);
        foreach (var file in Directory.GetFiles(Fixture(fixture)))
        {
            File.Copy(file, Path.Combine(store, Path.GetFileName(file)));
        }

        return store;
    }

    private static long Schema(string store) => Query<long>(store, "SELECT schema FROM module;").Single();

    private static List<T> Query<T>(string store, string sql) => StoreRows.Query<T>(store, sql);

    private static void Execute(string store, string sql) => StoreRows.Execute(store, sql);

    [Fact]
    public void A_schema_1_store_is_upgraded_on_opening_and_keeps_its_identity_and_keysets()
    {
        var store = VersionOneStore();
        Assert.Equal(1, Schema(store));
        var module = HsmModule.Open(store);
        Assert.Equal(HsmStore.SchemaVersion, Schema(store));
        Assert.Equal(("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"),
            (module.Identity.UHsmUuid, module.Identity.UMasterHsmUuid, module.Identity.MHsmUuid));
        Assert.Equal(("admin", "upgrade_store", $"ok: schema 1 to {HsmStore.SchemaVersion}"), (module.Store.ReadAudit()[^1].Client, module.Store.ReadAudit()[^1].Operation, module.Store.ReadAudit()[^1].Result));

        using var role = module.UserRole("test");
        foreach (var name in new[] { "generated-v1.ks", "imported-v1.ks" })
        {
            using var file = File.OpenRead(Path.Combine(Fixture("keysets-v1"), name));
            var keyset = KeysetContainer.Read(file, name).Keyset;
            Assert.Empty(keyset.GeneratedKeys); // a version 1 file records no origin
            Assert.Equal(KeyNames.Keyset.Order(), role.VerifyKeyset(keyset).Keys.Order());
        }

        HsmModule.Open(store); // a second opening finds nothing to do
        Assert.Single(module.Store.ReadAudit(), entry => entry.Operation == "upgrade_store");
    }

    [Fact]
    public void A_schema_2_store_is_upgraded_into_the_development_world_and_keeps_its_clients_as_user_role_clients()
    {
        var store = CopyOf("store-v2");
        Assert.Equal(2, Schema(store));
        var module = HsmModule.Open(store);
        Assert.Equal(HsmStore.SchemaVersion, Schema(store));
        Assert.Equal(("44444444-4444-4444-8444-444444444444", "66666666-6666-4666-8666-666666666666"), (module.Identity.UHsmUuid, module.Identity.MHsmUuid));
        Assert.True(module.World.IsDevelopment);
        Assert.Equal(($"ok: schema 2 to {HsmStore.SchemaVersion}"), module.Store.ReadAudit()[^1].Result);

        // Certified by the published development root, for the keys the module already had.
        foreach (var (role, uuid) in new[] { ("user", module.Identity.UHsmUuid), ("manufacturer", module.Identity.MHsmUuid) })
        {
            var certificate = module.Certificate(role);
            using var key = module.IdentityKey(role);
            Assert.True(module.World.Certifies(certificate));
            Assert.Equal(uuid, certificate.Subject.Uuid);
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.Subject.PublicKey);
        }

        var client = module.Store.FindClient("29c8acc0-025f-4d85-9c0a-5c11aee2a3f6", 0, "no nonce").Client!;
        Assert.Equal(("fixture-client", "user"), (client.Name, client.Role));
        using var file = File.OpenRead(Path.Combine(Fixture("keysets-v2"), "generated-v2.ks"));
        Assert.Equal(KeyNames.Keyset.Order(), module.UserRole("test").VerifyKeyset(KeysetContainer.Read(file, "generated-v2.ks").Keyset).Keys.Order());

        // An upgraded module takes part in the handshake with a new module of the development world.
        var manufacturer = HsmModule.Create(_folder.Combine("new cm"));
        var request = module.UserRole("test").SignJobRequest(new("job", "task", [new(new string('a', 32), "t", "dev", "MPF300", "PROGRAM", 5, "AUTH_CODE")]));
        var reply = manufacturer.ManufacturerRole().ProcessJobRequest(request.Container).ReplyContainer;
        Assert.Equal(manufacturer.Identity.MHsmUuid, module.UserRole("test").VerifyJobReply(request.Container, reply).MHsmUuid);
    }

    [Fact]
    public void A_schema_3_store_is_upgraded_keeping_its_tickets_and_task_keys_and_its_tasks_then_run_production()
    {
        const string requestId = "1730cd75ea12772fce5b2fe84b3a8f94";
        var store = CopyOf("store-v3");
        Assert.Equal(3, Schema(store));
        var module = HsmModule.Open(store);
        Assert.Equal(HsmStore.SchemaVersion, Schema(store));
        Assert.Equal($"ok: schema 3 to {HsmStore.SchemaVersion}", module.Store.ReadAudit()[^1].Result);
        var manufacturer = module.ManufacturerRole("test");
        Assert.Equal([("T_PROG", (long?)1000, 0L), ("T_VER", null, 0L)], manufacturer.ListTickets().Select(ticket => (ticket.TicketName, ticket.MaxDevices, ticket.Used)));
        Assert.NotNull(module.Store.ReadTaskKey(requestId));

        // A store made before production serves the published development factory, labelled as such.
        using var development = DeviceFactory.Development();
        Assert.Equal((development.Id, true), (module.Info().FactoryId, module.Info().DevelopmentFactory));
        Assert.Equal($"{development.Id} (development factory (published seed: offers no security))", module.Factory.Description);

        var spent = module.Store.SpendTicket("c5d7259c0b2bb6f5954bc14248888b23", "000102030405060708090A0B0C0D0E0F", Challenges.NewNonce(), DateTimeOffset.UtcNow);
        Assert.Equal(1, spent.Ticket.Used);
        Assert.Equal(1, manufacturer.MakeJobStatus(requestId, []).Sequence);
        Assert.True(manufacturer.EndTask(requestId, terminate: true, []).Ended);
    }

    [Fact]
    public void A_schema_4_store_is_upgraded_keeping_its_ticket_uses_and_its_ended_task()
    {
        const string requestId = "c915ecac59a9c64e660b9075441f5ad4";
        var store = CopyOf("store-v4");
        Assert.Equal(4, Schema(store));
        var module = HsmModule.Open(store);
        Assert.Equal(HsmStore.SchemaVersion, Schema(store));
        Assert.Equal($"ok: schema 4 to {HsmStore.SchemaVersion}", module.Store.ReadAudit()[^1].Result);

        // The uses recorded before challenges were: kept, answering no challenge; the ended task still gives its certifier.
        Assert.Equal([3L], StoreRows.Query<long>(store, "SELECT count(*) FROM ticket_uses WHERE challenge_nonce IS NULL;"));
        var status = module.ManufacturerRole("test").MakeJobStatus(requestId, []);
        Assert.True(status.Ended);
        Assert.Equal(3, status.Sequence);
    }

    [Fact]
    public void An_upgraded_store_has_the_schema_of_a_new_one()
    {
        var upgraded = VersionOneStore();
        HsmModule.Open(upgraded);
        var created = _folder.Combine("new");
        HsmModule.Create(created);
        const string schema = "SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name;";
        Assert.Equal(Query<string>(created, schema), Query<string>(upgraded, schema));
    }

    [Fact]
    public void A_failed_upgrade_leaves_the_store_as_it_was()
    {
        var store = VersionOneStore();
        Execute(store, "CREATE TABLE nonces_by_time (x);"); // the upgrade's index name is taken: its step fails
        var error = Assert.Throws<HsmException>(() => HsmModule.Open(store));
        Assert.Equal("STORE", error.Code);
        Assert.Contains($"has schema 1 and could not be upgraded to schema {HsmStore.SchemaVersion}; it was left as it was", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Schema(store));
        Assert.DoesNotContain("upgrade_store", Query<string>(store, "SELECT operation FROM audit;"));
    }

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_naming_both_versions()
    {
        var store = VersionOneStore();
        Execute(store, "UPDATE module SET schema = 99;");
        var error = Assert.Throws<HsmException>(() => HsmModule.Open(store));
        Assert.Contains($"has schema 99, newer than schema {HsmStore.SchemaVersion} that this program reads", error.Message, StringComparison.Ordinal);
        Assert.Equal(99, Schema(store));
    }
}
