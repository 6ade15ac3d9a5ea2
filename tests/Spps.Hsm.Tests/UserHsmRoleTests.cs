using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;

namespace Spps.Hsm.Tests;

public sealed class UserHsmRoleTests : IDisposable
{
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private readonly TemporaryFolder _folder = new();
    private readonly HsmModule _module;

    public UserHsmRoleTests() => _module = HsmModule.Create(_folder.Combine("store"), uMasterHsmUuid: Master);

    public void Dispose() => _folder.Dispose();

    private static CreateKeysetRequest Request(IReadOnlyDictionary<string, byte[]>? imports = null, WrappedKeyset? source = null) =>
        new(imports ?? new Dictionary<string, byte[]>(), source);

    /// <summary>Opens a keyset inside the boundary, as only HSM code may, to check what the role put in it.</summary>
    private static Dictionary<string, byte[]> Open(HsmModule module, WrappedKeyset keyset)
    {
        using var opened = OpenedKeyset.Open(keyset, module.Store.ReadSecret(HsmModule.MasterKey), keyset.MasterKeyUuid);
        return opened.Names.ToDictionary(name => name, name => opened.Key(name).ToArray());
    }

    [Fact]
    public void A_new_keyset_has_every_key_random_under_a_fresh_ticket_key()
    {
        var role = _module.UserRole("test");
        var first = role.CreateKeyset(Request());
        var second = role.CreateKeyset(Request());
        Assert.Equal(Master, first.MasterKeyUuid);
        Assert.Equal(KeyNames.Keyset.Order(), first.WrappedKeys.Keys.Order());
        var keys = Open(_module, first);
        Assert.Equal(13, keys.Values.Select(Convert.ToHexString).Distinct().Count());
        Assert.All(keys.Values, key => Assert.Equal(32, key.Length));
        Assert.NotEqual(Open(_module, second)["UEK1"], keys["UEK1"]);
    }

    [Fact]
    public void Imported_keys_are_kept_and_the_rest_are_random()
    {
        var uek1 = RandomNumberGenerator.GetBytes(32);
        var dpkBase = RandomNumberGenerator.GetBytes(32);
        var keyset = _module.UserRole("test").CreateKeyset(Request(new Dictionary<string, byte[]> { ["UEK1"] = uek1, ["DPK_BASE"] = dpkBase }));
        var keys = Open(_module, keyset);
        Assert.Equal(uek1, keys["UEK1"]);
        Assert.Equal(dpkBase, keys["DPK_BASE"]);
        Assert.NotEqual(uek1, keys["UEK2"]);
    }

    [Fact]
    public void A_copy_keeps_the_source_keys_and_ticket_key_and_takes_the_given_ones()
    {
        var role = _module.UserRole("test");
        var source = role.CreateKeyset(Request());
        var upk1 = RandomNumberGenerator.GetBytes(32);
        var copy = role.CreateKeyset(Request(new Dictionary<string, byte[]> { ["UPK1"] = upk1 }, source));
        var before = Open(_module, source);
        var after = Open(_module, copy);
        Assert.Equal(upk1, after["UPK1"]);
        Assert.All(KeyNames.Keyset.Where(key => key != "UPK1"), key => Assert.Equal(before[key], after[key]));
        Assert.NotEqual(source.KeysetId, copy.KeysetId);

        var master = _module.Store.ReadSecret(HsmModule.MasterKey);
        Assert.Equal(
            AeadWrap.TryUnwrap(master, source.WrappedTicketKey, OpenedKeyset.TicketKeyPurpose(Master, source.KeysetId)),
            AeadWrap.TryUnwrap(master, copy.WrappedTicketKey, OpenedKeyset.TicketKeyPurpose(Master, copy.KeysetId)));
    }

    [Fact]
    public void A_keyset_records_which_keys_the_hsm_generated_and_a_copy_keeps_that_record()
    {
        var role = _module.UserRole("test");
        var source = role.CreateKeyset(Request(new Dictionary<string, byte[]> { ["UEK1"] = RandomNumberGenerator.GetBytes(32) }));
        Assert.Equal(KeyNames.Keyset.Where(key => key != "UEK1"), source.GeneratedKeys);
        var copy = role.CreateKeyset(Request(new Dictionary<string, byte[]> { ["UPK2"] = RandomNumberGenerator.GetBytes(32) }, source));
        Assert.Equal(KeyNames.Keyset.Where(key => key is not ("UEK1" or "UPK2")), copy.GeneratedKeys);
    }

    [Theory]
    [InlineData("UEK1", true)]   // a supplied key claimed as generated
    [InlineData("UEK2", false)]  // a generated key no longer claimed
    public void A_keyset_whose_record_of_generated_keys_was_changed_is_refused(string key, bool claim)
    {
        var role = _module.UserRole("test");
        var keyset = role.CreateKeyset(Request(new Dictionary<string, byte[]> { ["UEK1"] = RandomNumberGenerator.GetBytes(32) }));
        var changed = keyset with { GeneratedKeys = claim ? [.. keyset.GeneratedKeys, key] : [.. keyset.GeneratedKeys.Where(name => name != key)] };
        var error = Assert.Throws<HsmException>(() => role.VerifyKeyset(changed));
        Assert.Equal("CORRUPT_KEYSET", error.Code);
        Assert.Contains($"key {key} does not decrypt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_under_another_master_key_is_refused()
    {
        var other = HsmModule.Create(_folder.Combine("other"));
        var foreign = other.UserRole("test").CreateKeyset(Request());
        var error = Assert.Throws<HsmException>(() => _module.UserRole("test").CreateKeyset(Request(source: foreign)));
        Assert.Equal("FOREIGN_KEYSET", error.Code);
        Assert.Contains($"not by this U-HSM's master key {Master}", error.Message);
    }

    [Fact]
    public void A_source_from_another_module_claiming_the_same_master_uuid_is_refused()
    {
        var impostor = HsmModule.Create(_folder.Combine("impostor"), uMasterHsmUuid: Master);
        var keyset = impostor.UserRole("test").CreateKeyset(Request());
        var error = Assert.Throws<HsmException>(() => _module.UserRole("test").CreateKeyset(Request(source: keyset)));
        Assert.Equal("FOREIGN_KEYSET", error.Code);
    }

    [Fact]
    public void An_altered_source_key_is_refused()
    {
        var source = _module.UserRole("test").CreateKeyset(Request());
        var altered = source.WrappedKeys.ToDictionary(p => p.Key, p => p.Value.ToArray());
        altered["DPK"][20] ^= 1;
        var error = Assert.Throws<HsmException>(() => _module.UserRole("test").CreateKeyset(Request(source: source with { WrappedKeys = altered })));
        Assert.Equal("CORRUPT_KEYSET", error.Code);
        Assert.Contains("key DPK", error.Message);
    }

    [Fact]
    public void Verify_accepts_its_own_keysets_and_refuses_foreign_or_altered_ones()
    {
        var role = _module.UserRole("test");
        var keyset = role.CreateKeyset(Request());
        var check = role.VerifyKeyset(keyset);
        Assert.Equal((keyset.KeysetId, Master), (check.KeysetId, check.MasterKeyUuid));
        Assert.Equal(KeyNames.Keyset, check.Keys);

        var foreign = HsmModule.Create(_folder.Combine("other"), uMasterHsmUuid: Master).UserRole("t").CreateKeyset(Request());
        Assert.Equal("FOREIGN_KEYSET", Assert.Throws<HsmException>(() => role.VerifyKeyset(foreign)).Code);
        var altered = keyset.WrappedKeys.ToDictionary(p => p.Key, p => p.Value.ToArray());
        altered["UEK1"][30] ^= 4;
        Assert.Equal("CORRUPT_KEYSET", Assert.Throws<HsmException>(() => role.VerifyKeyset(keyset with { WrappedKeys = altered })).Code);
    }

    [Theory]
    [InlineData("UEK9", 32)]
    [InlineData("UEK1", 31)]
    public void An_unknown_or_wrong_sized_import_is_refused(string name, int length)
    {
        var error = Assert.Throws<HsmException>(() => _module.UserRole("test").CreateKeyset(Request(new Dictionary<string, byte[]> { [name] = new byte[length] })));
        Assert.Equal("BADREQUEST", error.Code);
    }

    [Fact]
    public void The_audit_log_records_operations_and_refusals_without_key_values()
    {
        var imported = RandomNumberGenerator.GetBytes(32);
        _module.UserRole("alice").CreateKeyset(Request(new Dictionary<string, byte[]> { ["UEK2"] = imported }));
        Assert.Throws<HsmException>(() => _module.UserRole("bob").CreateKeyset(Request(new Dictionary<string, byte[]> { ["NOPE"] = imported })));
        var audit = _module.Store.ReadAudit();
        Assert.Equal(["init", "create_keyset", "create_keyset"], audit.Select(entry => entry.Operation));
        Assert.Equal("alice", audit[1].Client);
        Assert.StartsWith("ok: keyset ", audit[1].Result);
        Assert.Equal("refused: BADREQUEST", audit[2].Result);
        SecretScan.AssertAbsent(imported, _folder.Combine("store", "hsm.db"));
    }

    [Fact]
    public void Imported_keys_never_reach_the_store_files()
    {
        var imported = RandomNumberGenerator.GetBytes(32);
        _module.UserRole("t").CreateKeyset(Request(new Dictionary<string, byte[]> { ["KIP"] = imported }));
        foreach (var file in Directory.GetFiles(_folder.Combine("store")))
        {
            SecretScan.AssertAbsent(imported, file);
        }
    }
}
