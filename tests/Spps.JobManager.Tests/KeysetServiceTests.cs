using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Keysets;
using Spps.Hsm;
using Spps.JobManager.Application;
using Spps.JobManager.Keysets;
using Spps.Workspace.Settings;

namespace Spps.JobManager.Tests;

public sealed class KeysetServiceTests : IDisposable
{
    private const string U = "0e9f1c3a-1111-2222-3333-444455556666";
    private const string Master = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string M = "12345678-90ab-cdef-1234-567890abcdef";

    private readonly TemporaryFolder _folder = new();
    private readonly ApplicationService _application;
    private readonly KeysetRepository _repository;
    private readonly KeysetService _keysets;
    private readonly List<string> _info = [];
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 5, 6, 7, 8, 9, 250, TimeSpan.Zero), TimeZoneInfo.Utc);

    public KeysetServiceTests()
    {
        var settings = new SettingsStore(_folder.Combine("home"));
        _application = new ApplicationService(settings);
        _application.SetHsmParameters("local", U, Master, "keys", M, _folder.Path);
        _repository = new KeysetRepository(settings);
        _keysets = new KeysetService(_repository, new HsmConnector(settings, _folder.Combine("home")), _clock);
    }

    public void Dispose() => _folder.Dispose();

    private string Repository(params string[] parts) => _folder.Combine(["keys", .. parts]);

    private string Create(string file, string? source = null, Dictionary<string, string>? keys = null) =>
        _keysets.Create(file, source, keys ?? [], _info.Add);

    [Fact]
    public void The_first_keyset_creates_the_embedded_module_with_the_settings_uuids()
    {
        Assert.Equal(Repository("ks"), Create("ks"));
        Assert.Contains(_info, line => line.StartsWith($"Created the embedded HSM module in '{_folder.Combine("home", "hsm")}' (u_hsm_uuid {U}, m_hsm_uuid {M}), in the development world (published root: offers no security).", StringComparison.Ordinal));
        var report = _keysets.Report("ks");
        Assert.Equal(Master, report.MasterKeyUuid);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), report.Created); // the service's clock, to the second
        Assert.Equal(["KIP", "UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"], report.TokenKeys);
        Assert.Equal(6, report.BaseKeys.Count);
    }

    [Fact]
    public void The_embedded_module_is_opened_once_not_for_every_command()
    {
        Create("first");
        File.Move(_folder.Combine("home", "hsm", "store.key"), _folder.Combine("store.key")); // opening the store again would fail
        Assert.Equal(Repository("second"), Create("second"));
    }

    [Fact]
    public void Imported_and_copied_keysets_never_hold_the_given_values_in_any_form()
    {
        var uek1 = RandomNumberGenerator.GetBytes(32);
        var upk2Base = RandomNumberGenerator.GetBytes(32);
        Create("imported", keys: new() { ["UEK1"] = Convert.ToHexString(uek1), ["UPK2_BASE"] = Convert.ToHexStringLower(upk2Base) });
        var dpk = RandomNumberGenerator.GetBytes(32);
        Create("copy", source: "imported", keys: new() { ["DPK"] = Convert.ToHexString(dpk) });
        foreach (var file in Directory.GetFiles(Repository()).Concat(Directory.GetFiles(_folder.Combine("home"), "*", SearchOption.AllDirectories)))
        {
            foreach (var key in new[] { uek1, upk2Base, dpk })
            {
                SecretScan.AssertAbsent(key, file);
            }
        }
    }

    [Fact]
    public void An_existing_keyset_is_never_overwritten()
    {
        Create("ks");
        var before = File.ReadAllBytes(Repository("ks"));
        var error = Assert.Throws<DomainException>(() => Create("ks"));
        Assert.Equal($"The keyset file '{Repository("ks")}' already exists. create_keyset never overwrites, renames or deletes a keyset; choose another name.", error.Message);
        Assert.Equal(["SPPS", "EXISTS", Repository("ks")], error.ErrorCode);
        Assert.Equal(before, File.ReadAllBytes(Repository("ks")));
    }

    [Theory]
    [InlineData("sub/ks")]
    [InlineData("../ks")]
    [InlineData("..")]
    [InlineData(" ks")]
    public void A_path_where_a_name_is_expected_is_refused_and_nothing_is_written(string name)
    {
        var error = Assert.Throws<DomainException>(() => Create(name));
        Assert.StartsWith($"file: Invalid argument value: '{name}' (expecting a keyset file name without a folder;", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Repository()));
        Assert.False(Directory.Exists(_folder.Combine("home", "hsm")));
    }

    [Theory]
    [InlineData("ABC", "the value has 3 characters")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "the value has 66 characters")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000G", "character 64 is not a hexadecimal digit")]
    public void A_key_of_the_wrong_length_or_alphabet_is_refused_without_echoing_it(string value, string problem)
    {
        var error = Assert.Throws<DomainException>(() => Create("ks", keys: new() { ["UEK2"] = value }));
        Assert.Equal($"uek2: Invalid argument value (expecting 64 hexadecimal digits; {problem}). The value is not shown because it is a key.", error.Message);
        Assert.Equal(["SPPS", "BADKEY", "-uek2"], error.ErrorCode);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Repository()));
    }

    [Fact]
    public void A_missing_source_is_named()
    {
        var error = Assert.Throws<DomainException>(() => Create("ks", source: "nothere"));
        Assert.Equal($"Parameter 'source_file': the keyset file '{Repository("nothere")}' does not exist in the keyset repository.", error.Message);
    }

    [Fact]
    public void A_folder_named_as_the_source_is_called_a_folder()
    {
        Directory.CreateDirectory(Repository("folder"));
        var error = Assert.Throws<DomainException>(() => Create("ks", source: "folder"));
        Assert.Equal($"Parameter 'source_file': '{Repository("folder")}' in the keyset repository is a folder; expecting a keyset file.", error.Message);
        Assert.Equal(["SPPS", "NOTAFILE", "-source_file", Repository("folder")], error.ErrorCode);
    }

    [Fact]
    public void A_corrupt_source_is_refused_and_nothing_is_written()
    {
        File.WriteAllText(Repository("broken"), "this is not a keyset");
        var error = Assert.Throws<DomainException>(() => Create("ks", source: "broken"));
        Assert.StartsWith($"'{Repository("broken")}' is not a valid container:", error.Message);
        Assert.False(File.Exists(Repository("ks")));
    }

    [Fact]
    public void A_keyset_read_again_unchanged_is_not_unpacked_again()
    {
        Create("ks");
        Assert.Same(_repository.Read("ks", "keyset_file"), _repository.Read("ks", "keyset_file"));
    }

    [Fact]
    public void A_keyset_file_replaced_after_it_was_read_is_read_anew()
    {
        Create("ks");
        Create("other");
        var first = _repository.Read("ks", "keyset_file").Keyset;
        File.Copy(Repository("other"), Repository("ks"), overwrite: true);
        var replaced = _repository.Read("ks", "keyset_file").Keyset;
        Assert.Equal(_repository.Read("other", "keyset_file").Keyset.KeysetId, replaced.KeysetId);
        Assert.NotEqual(first.KeysetId, replaced.KeysetId);
    }

    [Fact]
    public void A_keyset_file_removed_or_damaged_after_it_was_read_is_refused()
    {
        Create("ks");
        var bytes = File.ReadAllBytes(Repository("ks"));
        _repository.Read("ks", "keyset_file");
        bytes[^30] ^= 0xFF; // inside the ZIP's central directory or a part: the same length, other bytes
        File.WriteAllBytes(Repository("ks"), bytes);
        Assert.Equal("CORRUPT", Assert.Throws<DomainException>(() => _repository.Read("ks", "keyset_file")).ErrorCode[1]);
        File.Delete(Repository("ks"));
        Assert.Equal("NOFILE", Assert.Throws<DomainException>(() => _repository.Read("ks", "keyset_file")).ErrorCode[1]);
    }

    [SkippableFact]
    public void A_keyset_path_that_is_a_pipe_is_read_as_a_stream_not_an_internal_error()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Named pipes are made with mkfifo(1) here.");
        Create("ks");
        var bytes = File.ReadAllBytes(Repository("ks"));
        File.Delete(Repository("ks"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Repository("ks")))
        {
            mkfifo.WaitForExit();
        }

        var writer = Task.Run(() => File.WriteAllBytes(Repository("ks"), bytes)); // a pipe opens once both ends are there
        var read = _repository.Read("ks", "keyset_file");
        writer.Wait();
        using var copy = new MemoryStream(bytes);
        Assert.Equal(KeysetContainer.Read(copy, "copy").Keyset.KeysetId, read.Keyset.KeysetId);
    }

    [Fact]
    public void A_source_from_another_module_is_refused_as_foreign()
    {
        var otherHome = _folder.Combine("other-home");
        var otherSettings = new SettingsStore(otherHome);
        new ApplicationService(otherSettings).SetHsmParameters("local", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "keys", null, _folder.Path);
        new KeysetService(new KeysetRepository(otherSettings), new HsmConnector(otherSettings, otherHome), _clock).Create("foreign", null, new Dictionary<string, string>(), _ => { });
        var error = Assert.Throws<HsmException>(() => Create("ks", source: "foreign"));
        Assert.Equal("FOREIGN_KEYSET", error.ErrorCode[^1]);
        Assert.Contains("not by this U-HSM's master key " + Master, error.Message);
        Assert.False(File.Exists(Repository("ks")));
    }

    [Fact]
    public void Settings_that_do_not_match_the_module_are_refused()
    {
        Create("first");
        _application.SetHsmParameters("local", null, null, null, "99999999-90ab-cdef-1234-567890abcdef", _folder.Path);
        var error = Assert.Throws<DomainException>(() => Create("second"));
        Assert.Equal(
            $"The HSM 'local' has m_hsm_uuid {M}, but the settings say 99999999-90ab-cdef-1234-567890abcdef. Correct it with set_hsm_params, or connect to the right HSM.",
            error.Message);
        Assert.Equal(["SPPS", "HSMMISMATCH", "m_hsm_uuid", M], error.ErrorCode);
    }

    [Fact]
    public void A_remote_hsm_without_a_credential_is_a_clear_error()
    {
        _application.SetHsmParameters("127.0.0.1:1", null, null, null, null, _folder.Path);
        var error = Assert.Throws<DomainException>(() => Create("ks"));
        Assert.StartsWith($"No HSM credential at '{_folder.Combine("home", "hsm-credential")}'.", error.Message);
    }

    [Fact]
    public void Without_an_hsm_or_a_repository_the_error_says_what_to_set()
    {
        var bare = new SettingsStore(_folder.Combine("bare"));
        var service = new KeysetService(new KeysetRepository(bare), new HsmConnector(bare, _folder.Combine("bare")), _clock);
        Assert.Equal("No keyset repository is set. Use set_hsm_params -hsm_key_set_dir <folder> first.",
            Assert.Throws<DomainException>(() => service.Create("ks", null, new Dictionary<string, string>(), _ => { })).Message);
        new ApplicationService(bare).SetHsmParameters("local", null, null, "k2", null, _folder.Path);
        Assert.Equal("The HSM parameter u_hsm_uuid is not set. Use set_hsm_params -u_hsm_uuid <uuid> first.",
            Assert.Throws<DomainException>(() => service.Create("ks", null, new Dictionary<string, string>(), _ => { })).Message);
    }

    [Theory]
    [InlineData("127.0.0.1:7000", "http://127.0.0.1:7000/")]
    [InlineData("localhost", "http://localhost:7400/")]
    [InlineData("[::1]:9000", "http://[::1]:9000/")]
    [InlineData("hsm.example.com", "https://hsm.example.com:7400/")]
    [InlineData("10.0.0.5:8443", "https://10.0.0.5:8443/")]
    [InlineData("fe80::1", "https://[fe80::1]:7400/")]
    public void Server_names_become_addresses_with_tls_off_loopback(string name, string address) =>
        Assert.Equal(address, HsmConnector.ServerAddress(name).ToString());
}
