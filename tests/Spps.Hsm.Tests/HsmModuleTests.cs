namespace Spps.Hsm.Tests;

public sealed class HsmModuleTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_module_keeps_the_given_uuids_and_reopens_with_them()
    {
        var created = HsmModule.Create(_folder.Combine("s"), "0E9F1C3A-1111-2222-3333-444455556666", "{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}", null);
        var reopened = HsmModule.Open(_folder.Combine("s"));
        Assert.Equal("0e9f1c3a-1111-2222-3333-444455556666", reopened.Identity.UHsmUuid);
        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", reopened.Identity.UMasterHsmUuid);
        Assert.True(Guid.TryParse(reopened.Identity.MHsmUuid, out _));
        Assert.Equal(created.Identity, reopened.Identity);
        Assert.Equal(["user", "manufacturer"], reopened.Info().Roles);
    }

    [Fact]
    public void A_module_serves_the_development_factory_unless_it_is_made_for_a_private_one()
    {
        using var development = Spps.Formats.Production.DeviceFactory.Development();
        using var factory = Spps.Formats.Production.DeviceFactory.Create();
        var published = HsmModule.Open(HsmModule.Create(_folder.Combine("dev")).Folder);
        Assert.Equal((development.Id, true), (published.Info().FactoryId, published.Info().DevelopmentFactory));
        var own = HsmModule.Open(HsmModule.Create(_folder.Combine("own"), factory: factory).Folder);
        Assert.Equal((factory.Id, false, factory.Id), (own.Info().FactoryId, own.Info().DevelopmentFactory, own.Factory.Description));
        Assert.Equal(factory.CaPublicKey, own.Factory.CaPublicKey);
    }

    [Fact]
    public void A_module_is_created_only_in_a_new_or_empty_folder()
    {
        Directory.CreateDirectory(_folder.Combine("s"));
        File.WriteAllText(_folder.Combine("s", "x"), "x");
        var error = Assert.Throws<HsmException>(() => HsmModule.Create(_folder.Combine("s")));
        Assert.Contains("is not empty", error.Message);
    }

    [Fact]
    public void A_bad_uuid_is_refused_before_anything_is_written()
    {
        var error = Assert.Throws<HsmException>(() => HsmModule.Create(_folder.Combine("s"), uHsmUuid: "nope"));
        Assert.Equal("--u-hsm-uuid: 'nope' is not a UUID (expecting e.g. 123e4567-e89b-12d3-a456-426614174000).", error.Message);
        Assert.False(Directory.Exists(_folder.Combine("s")));
    }

    [Fact]
    public void A_folder_that_is_not_a_store_is_refused_clearly()
    {
        var error = Assert.Throws<HsmException>(() => HsmModule.Open(_folder.Path));
        Assert.Contains("is not an HSM store", error.Message);
    }

    [Fact]
    public void A_store_whose_key_file_belongs_to_another_store_is_refused()
    {
        HsmModule.Create(_folder.Combine("a"));
        HsmModule.Create(_folder.Combine("b"));
        File.Copy(_folder.Combine("b", "store.key"), _folder.Combine("a", "store.key"), overwrite: true);
        var module = HsmModule.Open(_folder.Combine("a"));
        var error = Assert.Throws<HsmException>(() => module.UserRole("t").CreateKeyset(new(new Dictionary<string, byte[]>(), null)));
        Assert.Contains("does not decrypt with its store key", error.Message);
    }

    [Fact]
    public void Enrolled_clients_are_counted_and_their_credentials_round_trip()
    {
        var module = HsmModule.Create(_folder.Combine("s"));
        var credential = module.Enroll("ci");
        credential.Save(_folder.Combine("cred"));
        var loaded = HsmCredential.Load(_folder.Combine("cred"));
        Assert.Equal(credential.ClientId, loaded.ClientId);
        Assert.Equal(credential.Secret, loaded.Secret);
        Assert.Equal(1, module.Info().EnrolledClients);
        Assert.Throws<IOException>(() => credential.Save(_folder.Combine("cred")));
    }

    [Fact]
    public void The_info_gives_the_number_of_audit_rows()
    {
        var module = HsmModule.Create(_folder.Combine("s"));
        var role = module.UserRole("ci");
        role.CreateKeyset(new(new Dictionary<string, byte[]>(), null));
        Assert.Throws<HsmException>(() => role.CreateKeyset(new(new Dictionary<string, byte[]> { ["NOKEY"] = new byte[32] }, null)));
        Assert.Equal(module.Store.ReadAudit().Count, module.Info().AuditEntries);
        Assert.Equal(3, module.Info().AuditEntries); // init, and both calls
    }
}
