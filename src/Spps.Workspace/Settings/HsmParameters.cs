using System.Text.Json.Serialization;

namespace Spps.Workspace.Settings;

/// <summary>The application settings <c>set_hsm_params</c> saves: where the HSM is, which modules, the keyset repository.</summary>
public sealed record HsmParameters
{
    /// <summary><c>local</c> (the embedded HSM), or a host name or IP address with an optional port.</summary>
    public string? HsmServerName { get; init; }

    public string? UHsmUuid { get; init; }

    public string? UMasterHsmUuid { get; init; }

    /// <summary>Absolute path of the keyset repository.</summary>
    public string? KeysetDirectory { get; init; }

    public string? MHsmUuid { get; init; }

    /// <summary>
    /// <c>fpexpress</c> only (<c>-hsm_type_u</c>): FlashPro Express's choice between a U-HSM's manufacturer features
    /// (true) and a Manufacturer HSM, kept as given; every module of ours holds both roles, so it changes nothing else
    /// (docs/fpexpress.md). Left out of files that never set it (the Job Manager's).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HsmTypeU { get; init; }
}
