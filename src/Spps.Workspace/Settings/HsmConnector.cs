using System.Net;
using Spps.Devices;
using Spps.Hsm.Client;
using Spps.Hsm;
using Spps.Hsm.Protocol;

namespace Spps.Workspace.Settings;

/// <summary>
/// Reaches the HSM the settings name: <c>local</c> runs the module in this process on a store under the program's
/// home (created on first use with the settings' UUIDs); anything else is a server reached with this client's
/// credential. Either way the module's UUIDs must be the ones the settings name.
/// </summary>
public sealed class HsmConnector(SettingsStore settings, string homeFolder)
{
    public const string CredentialFileName = "hsm-credential";

    private readonly Lock _gate = new();

    // The embedded module, opened once and kept (its store's key and schema do not change under a running program):
    // opening it again for every file of a per-device export cost a good part of writing the file.
    private HsmModule? _embedded;

    /// <summary>Where the embedded module keeps its store.</summary>
    public string EmbeddedStoreFolder => Path.Combine(homeFolder, "hsm");

    /// <summary>
    /// Connects to the user role and checks the module is the configured one; the caller disposes the role.
    /// <paramref name="info"/> reports a module created on first use.
    /// </summary>
    public IUserHsm ConnectUser(Action<string> info)
    {
        var parameters = settings.Load();
        var server = parameters.HsmServerName ?? throw NoHsm();
        var required = new[] { ("u_hsm_uuid", parameters.UHsmUuid), ("u_master_hsm_uuid", parameters.UMasterHsmUuid) };
        foreach (var (option, value) in required.Where(pair => pair.Item2 is null))
        {
            throw NotSet(option);
        }

        return server == HsmServerName.Local
            ? Embedded(parameters, info, module => module.UserRole(EmbeddedClient))
            : Checked(new RemoteUserHsm(ServerAddress(server), Credential()), parameters, server);
    }

    /// <summary>
    /// Connects to the manufacturer role of the module the saved settings name (<c>fpexpress</c>'s M-HSM) and checks
    /// it is that module; the caller disposes the role.
    /// </summary>
    public IManufacturerHsm ConnectManufacturer(Action<string> info) => ConnectManufacturer(settings.Load(), info);

    /// <summary>
    /// Connects to the manufacturer role of the module <paramref name="parameters"/> name, before they are saved: its
    /// m_hsm_uuid must be theirs.
    /// </summary>
    public IManufacturerHsm ConnectManufacturer(HsmParameters parameters, Action<string> info)
    {
        var server = parameters.HsmServerName ?? throw NoHsm();
        if (parameters.MHsmUuid is null)
        {
            throw NotSet("m_hsm_uuid");
        }

        return server == HsmServerName.Local
            ? Embedded(parameters, info, module => module.ManufacturerRole(EmbeddedClient))
            : Checked(new RemoteManufacturerHsm(ServerAddress(server), Credential()), parameters, server);
    }

    /// <summary>The error of a command that needs the HSM when none is configured.</summary>
    public static DomainException NoHsm() =>
        new("No HSM is configured. Use set_hsm_params -hsm_server_name (local, or host:port of an spps-hsm server) first.", "NOHSM");

    // The account and machine this process runs as, found once: Environment.UserName reads the user database
    // (/etc/passwd) on every call, which a loop of per-device exports paid on every file.
    private static readonly Lazy<string> _account = new(() => $"{Environment.UserName}@{Environment.MachineName}");

    // Who calls an embedded module, as its audit log names the caller.
    private static string EmbeddedClient => $"{ProgramIdentity.Name} {_account.Value} (embedded)";

    private static DomainException NotSet(string option) =>
        new($"The HSM parameter {option} is not set. Use set_hsm_params -{option} <uuid> first.", "NOHSM", option);

    // The module in this process: opened, or created on first use with the UUIDs the settings give (random for the rest).
    private HsmModule EmbeddedModule(HsmParameters parameters, Action<string> info)
    {
        lock (_gate)
        {
            if (!File.Exists(Path.Combine(EmbeddedStoreFolder, "hsm.db")))
            {
                _embedded = HsmModule.Create(EmbeddedStoreFolder, parameters.UHsmUuid, parameters.UMasterHsmUuid, parameters.MHsmUuid);
                info($"Created the embedded HSM module in '{_embedded.Folder}' (u_hsm_uuid {_embedded.Identity.UHsmUuid}, m_hsm_uuid {_embedded.Identity.MHsmUuid}), " +
                     $"in the {(_embedded.World.IsDevelopment ? Hsm.Worlds.SecurityWorld.DevelopmentLabel : "private security world " + _embedded.World.Id[..16] + "…")}.");
            }

            return _embedded ??= HsmModule.Open(EmbeddedStoreFolder);
        }
    }

    // This client's credential for a served module: the file SPPS_HSM_CREDENTIAL names, else hsm-credential in the home.
    private HsmCredential Credential()
    {
        var credentialPath = Environment.GetEnvironmentVariable(HsmCredential.EnvironmentVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(homeFolder, CredentialFileName);
        if (!File.Exists(credentialPath))
        {
            throw new DomainException(
                $"No HSM credential at '{credentialPath}'. Enroll this client on the HSM ('spps-hsm enroll --store DIR --out FILE') and put the file there, " +
                $"or point {HsmCredential.EnvironmentVariable} at it.", "NOCREDENTIAL", credentialPath);
        }

        return HsmCredential.Load(credentialPath);
    }

    // The module in this process is checked by the identity it read when its store was opened (a store's UUIDs never
    // change): its role's GetInfo would also count the store's clients and audit rows, two queries per command.
    private TRole Embedded<TRole>(HsmParameters parameters, Action<string> info, Func<HsmModule, TRole> role)
    {
        var module = EmbeddedModule(parameters, info);
        CheckIdentity(module.Identity.UHsmUuid, module.Identity.UMasterHsmUuid, module.Identity.MHsmUuid, parameters, HsmServerName.Local);
        return role(module);
    }

    // Hands out a served role only once the module proves to be the configured one.
    private static TRole Checked<TRole>(TRole hsm, HsmParameters parameters, string server)
        where TRole : IHsmRole
    {
        try
        {
            var module = hsm.GetInfo();
            CheckIdentity(module.UHsmUuid, module.UMasterHsmUuid, module.MHsmUuid, parameters, server);
            return hsm;
        }
        catch
        {
            hsm.Dispose();
            throw;
        }
    }

    private static void CheckIdentity(string uHsmUuid, string uMasterHsmUuid, string mHsmUuid, HsmParameters parameters, string server)
    {
        var checks = new[]
        {
            ("u_hsm_uuid", parameters.UHsmUuid, uHsmUuid),
            ("u_master_hsm_uuid", parameters.UMasterHsmUuid, uMasterHsmUuid),
            ("m_hsm_uuid", parameters.MHsmUuid, mHsmUuid),
        };
        foreach (var (option, configured, actual) in checks)
        {
            if (configured is not null && !string.Equals(configured, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(
                    $"The HSM '{server}' has {option} {actual}, but the settings say {configured}. Correct it with set_hsm_params, or connect to the right HSM.",
                    "HSMMISMATCH", option, actual);
            }
        }
    }

    /// <summary>The server's base address: plain HTTP on loopback, HTTPS elsewhere; the default port when none is given.</summary>
    internal static Uri ServerAddress(string server)
    {
        var endpoint = server.StartsWith('[') || server.Count(c => c == ':') <= 1 ? server : $"[{server}]";
        var withPort = new Uri("scheme://" + endpoint).IsDefaultPort ? $"{endpoint}:{Spps.Hsm.Protocol.HsmOperation.DefaultPort}" : endpoint;
        var host = new Uri("scheme://" + withPort).Host.Trim('[', ']');
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        return new Uri($"{(loopback ? "http" : "https")}://{withPort}/");
    }
}
