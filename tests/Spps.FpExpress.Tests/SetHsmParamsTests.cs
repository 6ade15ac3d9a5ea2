using Spps.Devices;
using Spps.Hsm;
using Spps.Workspace.Settings;

namespace Spps.FpExpress.Tests;

/// <summary>set_hsm_params on the production side: the M-HSM is reached and checked before the settings are saved.</summary>
public sealed class SetHsmParamsTests : FpExpressTest
{
    private const string Usage = "set_hsm_params -hsm_server_name <hsm_server> [-hsm_type_u <TRUE|FALSE>] -m_hsm_uuid <m_uuid>";

    [Fact]
    public void Local_creates_the_embedded_module_with_that_m_hsm_uuid_and_saves_the_settings_in_the_fpexpress_format()
    {
        Tcl($"set_hsm_params -hsm_server_name LOCAL -m_hsm_uuid {{{MHsmUuid.ToUpperInvariant()}}}");

        Assert.Equal(MHsmUuid, HsmModule.Open(StoreFolder).Identity.MHsmUuid);
        Assert.Equal(new HsmParameters { HsmServerName = "local", MHsmUuid = MHsmUuid, HsmTypeU = false }, Services.Settings.Load());
        Assert.Contains("\"format\": \"spps-fpexpress-settings\"", File.ReadAllText(Services.Settings.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_opens_the_module_it_created_and_says_nothing_of_creating_it()
    {
        UseLocalModule();
        Assert.Single(Infos, line => line.StartsWith("Created the embedded HSM module", StringComparison.Ordinal));
        UseLocalModule();
        Assert.Single(Infos, line => line.StartsWith("Created the embedded HSM module", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("0", false)]
    public void Hsm_type_u_is_kept_as_given_with_FlashPro_Express_deprecation_warning(string value, bool saved)
    {
        Services.HsmParameters.Set("local", value is "TRUE", MHsmUuid, Infos.Add, Warnings.Add);
        Assert.Equal(saved, Services.Settings.Load().HsmTypeU);
        Assert.Equal("Deprecated 'hsm_type_u' parameter is used. Every M-HSM here also holds the user role, so the value changes nothing.", Assert.Single(Warnings));
        Assert.Equal(0, Tcl($"set_hsm_params -hsm_server_name local -hsm_type_u {value} -m_hsm_uuid {MHsmUuid}").Length);
        Assert.Equal(saved, Services.Settings.Load().HsmTypeU);
    }

    public static TheoryData<string, string, string[]> Refusals => new()
    {
        { $"set_hsm_params -m_hsm_uuid {MHsmUuid}", "Required parameter 'hsm_server_name' is missing.", ["SPPS", "MISSING", "hsm_server_name"] },
        { "set_hsm_params -hsm_server_name local", "Required parameter 'm_hsm_uuid' is missing.", ["SPPS", "MISSING", "m_hsm_uuid"] },
        { $"set_hsm_params -hsm_server_name {{ }} -m_hsm_uuid {MHsmUuid}", "HSM server name cannot be empty.", ["SPPS", "BADVALUE", "-hsm_server_name", " "] },
        {
            $"set_hsm_params -hsm_server_name {{bad host}} -m_hsm_uuid {MHsmUuid}",
            "hsm_server_name: Invalid argument value: 'bad host' (expecting local, a host name or IP address, optionally followed by :port).",
            ["SPPS", "BADVALUE", "-hsm_server_name", "bad host"]
        },
        {
            "set_hsm_params -hsm_server_name local -m_hsm_uuid 12345",
            "m_hsm_uuid: Invalid argument value: '12345' (expecting a UUID such as 123e4567-e89b-12d3-a456-426614174000).",
            ["SPPS", "BADVALUE", "-m_hsm_uuid", "12345"]
        },
        {
            $"set_hsm_params -hsm_server_name local -hsm_type_u maybe -m_hsm_uuid {MHsmUuid}",
            "hsm_type_u: Invalid argument value: 'maybe' (expecting TRUE, FALSE, 1 or 0, in any letter case).",
            ["SPPS", "BADVALUE", "-hsm_type_u", "maybe"]
        },
        {
            $"set_hsm_params -hsm_server_name local -m_hsm_uuid {MHsmUuid} -ftp_username ops",
            $"Parameter 'ftp_username' is not defined. Valid command formatting is '{Usage}'.",
            ["SPPS", "BADOPT", "ftp_username"]
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_bad_value_is_refused_with_its_message_and_nothing_is_saved_or_created(string command, string message, string[] errorCode)
    {
        var error = TclFails(command);
        Assert.Equal(message, error.Message);
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Null(SettingsBytes());
        Assert.False(Directory.Exists(StoreFolder));
    }

    [Fact]
    public void An_embedded_module_made_for_another_m_hsm_uuid_is_refused_and_the_settings_stay_as_they_were()
    {
        UseLocalModule();
        var before = SettingsBytes();
        var other = "99999999-1111-4222-8333-444455556666";

        var error = Assert.Throws<DomainException>(() => Services.HsmParameters.Set("local", null, other, Infos.Add, Warnings.Add));

        Assert.Equal($"The HSM 'local' has m_hsm_uuid {MHsmUuid}, but the settings say {other}. Correct it with set_hsm_params, or connect to the right HSM.", error.Message);
        Assert.Equal(["SPPS", "HSMMISMATCH", "m_hsm_uuid", MHsmUuid], error.ErrorCode);
        Assert.Equal(before, SettingsBytes());
        Assert.Equal(MHsmUuid, HsmModule.Open(StoreFolder).Identity.MHsmUuid);
    }

    [Fact]
    public void A_server_without_a_credential_is_refused_naming_where_the_credential_was_looked_for_and_nothing_is_saved()
    {
        var previous = Environment.GetEnvironmentVariable(HsmCredential.EnvironmentVariable);
        Environment.SetEnvironmentVariable(HsmCredential.EnvironmentVariable, null);
        try
        {
            var error = Assert.Throws<DomainException>(() => Services.HsmParameters.Set("127.0.0.1:7400", null, MHsmUuid, Infos.Add, Warnings.Add));
            Assert.Equal(["SPPS", "NOCREDENTIAL", Path.Combine(Home, HsmConnector.CredentialFileName)], error.ErrorCode);
            Assert.Null(SettingsBytes());
        }
        finally
        {
            Environment.SetEnvironmentVariable(HsmCredential.EnvironmentVariable, previous);
        }
    }

    [Theory]
    [InlineData("process_job_request -request_file {REQ} -reply_file r.rep")]
    [InlineData("list_all_hsm_tickets")]
    [InlineData("remove_hsm_tickets -force TRUE")]
    public void The_hsm_commands_need_set_hsm_params_first(string command)
    {
        var request = Folder.Combine("cm.req");
        File.WriteAllBytes(request, [1, 2, 3]);
        var error = TclFails(command.Replace("REQ", request, StringComparison.Ordinal));
        Assert.Equal("No M-HSM is configured. Use set_hsm_params -hsm_server_name (local, or host:port of an spps-hsm server) -m_hsm_uuid <uuid> first.", error.Message);
        Assert.Equal(["SPPS", "NOHSM"], error.ErrorCode);
        Assert.False(Directory.Exists(StoreFolder));
    }
}
