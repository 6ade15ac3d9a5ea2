using Spps.Workspace.Settings;

namespace Spps.FpExpress.Hsm;

/// <summary><c>set_hsm_params</c> on the production side: which M-HSM the HSM commands use, kept in the home's settings.</summary>
public sealed class HsmParametersService(SettingsStore settings, HsmConnector connector)
{
    /// <summary>
    /// Checks every value, then connects to the module they name (the embedded one is created on first use) and checks
    /// that it is that module, and only then saves: settings never name a module that cannot be used.
    /// <paramref name="hsmTypeU"/> is kept as given (false when not given); giving it draws FlashPro Express's warning
    /// that it is deprecated, since every module holds both roles and it changes nothing.
    /// </summary>
    public HsmParameters Set(string serverName, bool? hsmTypeU, string mHsmUuid, Action<string> info, Action<string> warn)
    {
        var server = HsmServerName.Normalize(serverName);
        var uuid = HsmUuid.Normalize("m_hsm_uuid", mHsmUuid);
        var updated = settings.Load() with { HsmServerName = server, MHsmUuid = uuid, HsmTypeU = hsmTypeU ?? false };
        using (connector.ConnectManufacturer(updated, info))
        {
            settings.Save(updated);
        }

        if (hsmTypeU is not null)
        {
            warn("Deprecated 'hsm_type_u' parameter is used. Every M-HSM here also holds the user role, so the value changes nothing.");
        }

        return updated;
    }
}
