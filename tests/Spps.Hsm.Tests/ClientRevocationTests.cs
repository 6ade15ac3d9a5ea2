using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Tests;

/// <summary>
/// Revoking a client: its credential is refused by a served module from its next request on, whoever revoked it (this
/// process or another on the same store), while the module's other clients are still served; a refused revocation
/// changes nothing; and listing the clients never shows a secret.
/// </summary>
public sealed class ClientRevocationTests : ServedModuleTest
{
    // The store as another process (spps-hsm revoke beside spps-hsm serve) opens it.
    private HsmModule OtherProcess() => HsmModule.Open(Module.Folder);

    [Fact]
    public void A_revoked_credential_is_refused_on_its_next_request_with_nothing_written_while_another_client_is_still_served()
    {
        var other = Module.Enroll("other");
        using var revoked = new RemoteUserHsm(Server.Address, Credential);
        using var kept = new RemoteUserHsm(Server.Address, other);
        revoked.CreateKeyset(EmptyKeysetRequest());
        kept.CreateKeyset(EmptyKeysetRequest());

        OtherProcess().Revoke(Credential.ClientId);
        var before = AuditAndNonceCounts();
        var error = Assert.Throws<HsmException>(() => revoked.CreateKeyset(EmptyKeysetRequest()));

        Assert.Equal("UNAUTHENTICATED", error.Code);
        Assert.Equal(before, AuditAndNonceCounts());
        Assert.NotNull(kept.CreateKeyset(EmptyKeysetRequest()).KeysetId);
    }

    [Fact]
    public void A_client_revoked_through_the_served_module_itself_is_refused_at_once()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        client.GetInfo();

        Module.Revoke(Credential.ClientId);

        Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => client.GetInfo()).Code);
    }

    [Fact]
    public void A_revoked_manufacturer_client_s_station_is_refused_likewise()
    {
        var station = Module.Enroll("station", CertifiedKey.ManufacturerRole);
        using var client = new RemoteManufacturerHsm(Server.Address, station);
        Assert.Empty(client.ListTickets());

        var revoked = OtherProcess().Revoke(station.ClientId);
        var before = AuditAndNonceCounts();
        var error = Assert.Throws<HsmException>(() => client.ListTickets());

        Assert.Equal(new[] { station.ClientId, "station", CertifiedKey.ManufacturerRole }, new[] { revoked.Id, revoked.Name, revoked.Role });
        Assert.Equal("UNAUTHENTICATED", error.Code);
        Assert.Equal(before, AuditAndNonceCounts());
    }

    [Fact]
    public void A_revoked_client_enrolled_again_gets_a_new_id_and_credential_and_its_old_credential_file_stays_refused()
    {
        Credential.Save(Folder.Combine("old.cred"));
        Module.Revoke(Credential.ClientId);

        var renewed = OtherProcess().Enroll("tests");
        using var old = new RemoteUserHsm(Server.Address, HsmCredential.Load(Folder.Combine("old.cred")));
        using var client = new RemoteUserHsm(Server.Address, renewed);

        Assert.NotEqual(Credential.ClientId, renewed.ClientId);
        Assert.NotEqual(Credential.Secret, renewed.Secret);
        Assert.NotNull(client.CreateKeyset(EmptyKeysetRequest()).KeysetId);
        Assert.Equal("UNAUTHENTICATED", Assert.Throws<HsmException>(() => old.CreateKeyset(EmptyKeysetRequest())).Code);
    }

    [Fact]
    public void A_revocation_removes_the_client_and_its_nonces_and_is_audited_in_the_same_write()
    {
        var other = Module.Enroll("other", CertifiedKey.ManufacturerRole);
        using (var client = new RemoteUserHsm(Server.Address, Credential))
        {
            client.GetInfo();
        }

        using (var station = new RemoteManufacturerHsm(Server.Address, other))
        {
            station.GetInfo();
        }

        var revoked = Module.Revoke(Credential.ClientId);

        Assert.Equal((Credential.ClientId, "tests", CertifiedKey.UserRole), (revoked.Id, revoked.Name, revoked.Role));
        Assert.Equal([other.ClientId], Module.Clients().Select(client => client.Id));
        Assert.Equal([other.ClientId], StoreRows.Query<string>(Module.Folder, "SELECT client_id FROM request_nonces;"));
        var audit = Module.Store.ReadAudit()[^1];
        Assert.Equal(("admin", "revoke", $"ok: client {Credential.ClientId} (tests), role user"), (audit.Client, audit.Operation, audit.Result));
    }

    [Fact]
    public void A_revocation_whose_audit_row_cannot_be_written_leaves_the_client_enrolled_and_served()
    {
        StoreRows.Execute(Module.Folder, "CREATE TRIGGER audit_full BEFORE INSERT ON audit WHEN NEW.operation = 'revoke' BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;");
        var before = StoreRows.Of(Module);

        var error = Assert.Throws<HsmException>(() => Module.Revoke(Credential.ClientId));

        Assert.Equal("STORE", error.Code);
        Assert.Equal(before, StoreRows.Of(Module));
        using var client = new RemoteUserHsm(Server.Address, Credential);
        Assert.NotNull(client.CreateKeyset(EmptyKeysetRequest()).KeysetId);
    }

    [Theory]
    [InlineData("not-a-client", "BADVALUE", "is not a client id (expecting the UUID 'clientId' of a credential file")]
    [InlineData("", "BADVALUE", "is not a client id")]
    [InlineData("4ae04b3e52a44effaf2022a1408e1740", "BADVALUE", "is not a client id")]
    [InlineData("4ae04b3e-52a4-4eff-af20-22a1408e1740", "NOTFOUND", "is enrolled with the HSM module in")]
    public void An_id_that_is_not_an_enrolled_client_s_is_refused_naming_it_and_changes_nothing(string id, string code, string reason)
    {
        var (rows, counts) = (StoreRows.Of(Module), AuditAndNonceCounts());

        var error = Assert.Throws<HsmException>(() => Module.Revoke(id));

        Assert.Equal(code, error.Code);
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"'spps-hsm clients --store {Module.Folder}' lists the enrolled ones.", error.Message, StringComparison.Ordinal);
        Assert.Equal((rows, counts), (StoreRows.Of(Module), AuditAndNonceCounts()));
    }

    [Fact]
    public void Revoking_a_client_twice_refuses_the_second_as_unknown()
    {
        Module.Revoke(Credential.ClientId);
        var (rows, counts) = (StoreRows.Of(Module), AuditAndNonceCounts());

        Assert.Equal("NOTFOUND", Assert.Throws<HsmException>(() => OtherProcess().Revoke(Credential.ClientId)).Code);
        Assert.Equal((rows, counts), (StoreRows.Of(Module), AuditAndNonceCounts()));
    }

    [Fact]
    public void A_client_of_another_module_is_unknown_here()
    {
        var elsewhere = HsmModule.Create(Folder.Combine("elsewhere")).Enroll("elsewhere");
        var rows = StoreRows.Of(Module);

        Assert.Equal("NOTFOUND", Assert.Throws<HsmException>(() => Module.Revoke(elsewhere.ClientId)).Code);
        Assert.Equal(rows, StoreRows.Of(Module));
    }

    [Fact]
    public void A_client_id_is_read_in_either_case()
    {
        Assert.Equal(Credential.ClientId, Module.Revoke(Credential.ClientId.ToUpperInvariant()).Id);
        Assert.Empty(Module.Clients());
    }

    [Fact]
    public void The_clients_are_listed_in_enrolment_order_with_their_name_role_and_time_and_no_secret()
    {
        var station = Module.Enroll("station", CertifiedKey.ManufacturerRole);

        var clients = Module.Clients();

        Assert.Equal([(Credential.ClientId, "tests", "user"), (station.ClientId, "station", "manufacturer")], clients.Select(client => (client.Id, client.Name, client.Role)));
        Assert.All(clients, client => Assert.InRange(client.Enrolled, Module.Identity.Created.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.Equal(["Id", "Name", "Role", "Enrolled"], typeof(Store.ClientEnrolment).GetProperties().Select(property => property.Name));
    }
}
