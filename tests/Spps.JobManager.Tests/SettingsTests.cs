using Spps.Devices;
using Spps.JobManager.Application;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Tests;

public sealed class SettingsTests : IDisposable
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private readonly TemporaryFolder _folder = new();
    private readonly ApplicationService _service;

    public SettingsTests() => _service = new ApplicationService(new SettingsStore(_folder.Combine("home")));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parameters_persist_and_options_not_given_keep_their_values()
    {
        _service.SetHsmParameters("hsm.example.com:8443", U, Master, "keys", null, _folder.Path);
        _service.SetHsmParameters("local", null, null, null, "{11111111-2222-3333-4444-555555555555}", _folder.Path);
        var loaded = new SettingsStore(_folder.Combine("home")).Load();
        Assert.Equal(new HsmParameters
        {
            HsmServerName = "local",
            UHsmUuid = U,
            UMasterHsmUuid = Master,
            KeysetDirectory = _folder.Combine("keys"),
            MHsmUuid = "11111111-2222-3333-4444-555555555555",
        }, loaded);
    }

    [Fact]
    public void A_save_that_fails_leaves_no_new_keyset_folder()
    {
        Directory.CreateDirectory(_folder.Combine("home", "settings.json")); // a folder where the file goes: the save cannot replace it
        var error = Assert.ThrowsAny<Exception>(() => _service.SetHsmParameters("local", U, Master, "repo/keysets", null, _folder.Path));
        Assert.Contains("SettingsStore.Save", error.StackTrace, StringComparison.Ordinal); // the save failed, after the folder was made
        Assert.False(Directory.Exists(_folder.Combine("repo")));
    }

    [Fact]
    public void A_relative_keyset_folder_is_made_absolute_and_created()
    {
        var saved = _service.SetHsmParameters("local", null, null, "repo/keysets", null, _folder.Path);
        Assert.Equal(_folder.Combine("repo", "keysets"), saved.KeysetDirectory);
        Assert.True(Directory.Exists(saved.KeysetDirectory));
    }

    [Theory]
    [InlineData("local", "local")]
    [InlineData("LOCAL", "local")]
    [InlineData("hsm01", "hsm01")]
    [InlineData("hsm.corp.example:9443", "hsm.corp.example:9443")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    [InlineData("fe80::1", "fe80::1")]
    public void Accepts_server_names(string value, string saved) =>
        Assert.Equal(saved, _service.SetHsmParameters(value, null, null, null, null, _folder.Path).HsmServerName);

    [Theory]
    [InlineData("has space")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:port")]
    [InlineData("-bad.example")]
    [InlineData("[::1")]
    [InlineData("[10.0.0.1]:80")]
    public void Refuses_bad_server_names_and_saves_nothing(string value)
    {
        var error = Assert.Throws<DomainException>(() => _service.SetHsmParameters(value, null, null, null, null, _folder.Path));
        Assert.Equal($"hsm_server_name: Invalid argument value: '{value}' (expecting local, a host name or IP address, optionally followed by :port).", error.Message);
        Assert.False(File.Exists(_service.Settings.FilePath));
    }

    [Fact]
    public void An_empty_server_name_gets_the_libero_message()
    {
        var error = Assert.Throws<DomainException>(() => _service.SetHsmParameters(" ", null, null, null, null, _folder.Path));
        Assert.Equal("HSM server name cannot be empty.", error.Message);
    }

    [Theory]
    [InlineData("u_hsm_uuid")]
    [InlineData("u_master_hsm_uuid")]
    [InlineData("m_hsm_uuid")]
    public void A_bad_uuid_is_refused_by_name_and_the_saved_settings_stay(string option)
    {
        _service.SetHsmParameters("local", U, Master, null, U, _folder.Path);
        var before = File.ReadAllBytes(_service.Settings.FilePath);
        var error = Assert.Throws<DomainException>(() => _service.SetHsmParameters("other", option == "u_hsm_uuid" ? "12345" : null,
            option == "u_master_hsm_uuid" ? "12345" : null, "new-keys", option == "m_hsm_uuid" ? "12345" : null, _folder.Path));
        Assert.Equal($"{option}: Invalid argument value: '12345' (expecting a UUID such as 123e4567-e89b-12d3-a456-426614174000).", error.Message);
        Assert.Equal(["SPPS", "BADVALUE", "-" + option, "12345"], error.ErrorCode);
        Assert.Equal(before, File.ReadAllBytes(_service.Settings.FilePath));
        Assert.False(Directory.Exists(_folder.Combine("new-keys")));
    }

    [Fact]
    public void A_keyset_folder_that_is_a_file_is_refused()
    {
        File.WriteAllText(_folder.Combine("afile"), "x");
        var error = Assert.Throws<DomainException>(() => _service.SetHsmParameters("local", null, null, "afile", null, _folder.Path));
        Assert.Contains("(expecting a folder;", error.Message);
    }

    [Theory]
    [InlineData("garbage", "cannot be read")]
    [InlineData("{\"format\":\"spps-jobmanager-settings\",\"format\":\"x\",\"schemaVersion\":1}", "cannot be read")]
    [InlineData("{\"format\":\"spps-jobmanager-settings\",\"schemaVersion\":5,\"hsm\":{}}", "has schema version 5")]
    public void A_settings_file_that_cannot_be_read_is_refused_not_overwritten(string content, string reason)
    {
        Directory.CreateDirectory(_folder.Combine("home"));
        File.WriteAllText(_service.Settings.FilePath, content);
        var error = Assert.Throws<DomainException>(() => _service.SetHsmParameters("local", null, null, null, null, _folder.Path));
        Assert.Contains(reason, error.Message);
        Assert.Contains(_service.Settings.FilePath, error.Message);
        Assert.Equal(content, File.ReadAllText(_service.Settings.FilePath));
    }
}
