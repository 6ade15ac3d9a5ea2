using System.Security.Cryptography;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Tests;

/// <summary>
/// The server keeps its clients' secrets unwrapped between requests; the store's client rows still decide who is
/// served, on the very next request, whatever connection or process changed them while the server runs.
/// </summary>
public sealed class EnrolmentChangeTests : ServedModuleTest
{
    [Fact]
    public void A_client_removed_by_another_connection_is_refused_on_its_next_request_with_nothing_written()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        client.CreateKeyset(EmptyKeysetRequest());
        StoreRows.Execute(Module.Folder, $"DELETE FROM clients WHERE id = '{Credential.ClientId}';");
        var before = AuditAndNonceCounts();

        var error = Assert.Throws<HsmException>(() => client.CreateKeyset(EmptyKeysetRequest()));

        Assert.Equal("UNAUTHENTICATED", error.Code);
        Assert.Equal(before, AuditAndNonceCounts());
    }

    [Fact]
    public void A_client_enrolled_again_under_its_id_by_another_process_is_served_with_its_new_secret_only()
    {
        using (var client = new RemoteUserHsm(Server.Address, Credential))
        {
            client.CreateKeyset(EmptyKeysetRequest());
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        StoreRows.Execute(Module.Folder, $"DELETE FROM clients WHERE id = '{Credential.ClientId}';");
        HsmModule.Open(Module.Folder).Store.AddClient(Credential.ClientId, "tests", secret, "user");
        var before = AuditAndNonceCounts();

        using var old = new RemoteUserHsm(Server.Address, Credential);
        var error = Assert.Throws<HsmException>(() => old.CreateKeyset(EmptyKeysetRequest()));
        Assert.Equal("UNAUTHENTICATED", error.Code);
        Assert.Equal(before, AuditAndNonceCounts());

        using var renewed = new RemoteUserHsm(Server.Address, Credential with { Secret = secret });
        Assert.NotNull(renewed.CreateKeyset(EmptyKeysetRequest()).KeysetId);
    }

    [Fact]
    public void A_client_whose_role_another_connection_changed_is_served_the_operations_of_its_new_role_only()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        client.CreateKeyset(EmptyKeysetRequest());
        StoreRows.Execute(Module.Folder, $"UPDATE clients SET role = 'manufacturer' WHERE id = '{Credential.ClientId}';");

        var error = Assert.Throws<HsmException>(() => client.CreateKeyset(EmptyKeysetRequest()));

        Assert.Equal("FORBIDDEN", error.Code);
    }

    [Fact]
    public void A_client_enrolled_by_another_process_while_the_server_runs_is_served_at_once()
    {
        var station = HsmModule.Open(Module.Folder).Enroll("station");

        using var client = new RemoteUserHsm(Server.Address, station);

        Assert.Equal(Module.Identity.UHsmUuid, client.GetInfo().UHsmUuid);
    }

    [Fact]
    public void A_caller_that_zeroes_the_client_secret_it_was_given_changes_nothing_the_store_keeps()
    {
        using var client = new RemoteUserHsm(Server.Address, Credential);
        client.CreateKeyset(EmptyKeysetRequest());

        CryptographicOperations.ZeroMemory(Module.Store.FindClient(Credential.ClientId, 0, RequestSignature.NewNonce()).Client!.Secret);

        Assert.Equal(Credential.Secret, Module.Store.FindClient(Credential.ClientId, 0, RequestSignature.NewNonce()).Client!.Secret);
        Assert.NotNull(client.CreateKeyset(EmptyKeysetRequest()).KeysetId);
    }
}
