using Spps.Devices;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.JobManager.Application;

/// <summary>The application-level operations: HSM parameters and software information. No project is needed.</summary>
public sealed class ApplicationService(SettingsStore settings)
{
    public SettingsStore Settings { get; } = settings;

    /// <summary>
    /// Validates every given value first, then creates the keyset repository if missing, then saves; options not given
    /// keep their saved values. A relative keyset folder is made absolute against <paramref name="currentFolder"/> now,
    /// so later commands run from elsewhere still find it.
    /// </summary>
    public HsmParameters SetHsmParameters(
        string serverName, string? uHsmUuid, string? uMasterHsmUuid, string? keysetDirectory, string? mHsmUuid, string currentFolder)
    {
        var current = Settings.Load();
        var updated = current with
        {
            HsmServerName = HsmServerName.Normalize(serverName),
            UHsmUuid = uHsmUuid is null ? current.UHsmUuid : HsmUuid.Normalize("u_hsm_uuid", uHsmUuid),
            UMasterHsmUuid = uMasterHsmUuid is null ? current.UMasterHsmUuid : HsmUuid.Normalize("u_master_hsm_uuid", uMasterHsmUuid),
            MHsmUuid = mHsmUuid is null ? current.MHsmUuid : HsmUuid.Normalize("m_hsm_uuid", mHsmUuid),
            KeysetDirectory = keysetDirectory is null ? current.KeysetDirectory : KeysetFolder(keysetDirectory, currentFolder),
        };

        var created = CreatedFolders.Create(updated.KeysetDirectory is { } folder ? [folder] : []);
        try
        {
            Settings.Save(updated);
        }
        catch
        {
            created.RemoveEmpty(); // a failed command leaves no new keyset folder behind
            throw;
        }

        return updated;
    }

    private static string KeysetFolder(string value, string currentFolder)
    {
        var folder = Path.GetFullPath(value, currentFolder);
        return File.Exists(folder)
            ? throw new DomainException(
                $"hsm_key_set_dir: Invalid argument value: '{value}' (expecting a folder; '{folder}' is a file).", "BADVALUE", "-hsm_key_set_dir", value)
            : folder;
    }
}
