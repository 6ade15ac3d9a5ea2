using Spps.Workspace.Settings;

namespace Spps.FpExpress.Hsm;

/// <summary><c>set_hsm_params</c> on the production side: which M-HSM the HSM commands use, kept in the home's settings.</summary>
public sealed class HsmParametersService(SettingsStore settings, HsmConnector connector)
{
    /// <summary>
    /// Checks every value, then connects to the module they name (the embedded one is created on first use) and checks
    /// that it is that module, and only then saves: settings never name a module that cannot be used.
    /// </summary>
    public HsmParameters Set(string serverName, bool hsmTypeU, string mHsmUuid, Action<string> info)
    {
        var server = HsmServerName.Normalize(serverName);
        var uuid = HsmUuid.Normalize("m_hsm_uuid", mHsmUuid);
        var updated = settings.Load() with { HsmServerName = server, MHsmUuid = uuid, HsmTypeU = hsmTypeU };
        using (connector.ConnectManufacturer(updated, info))
        {
            settings.Save(updated);
        }

        return updated;
    }
}
