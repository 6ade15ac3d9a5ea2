using System.Globalization;
using System.Security.Cryptography;
using Spps.Formats.Files;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Store;

namespace Spps.Hsm;

/// <summary>
/// A software HSM module on its store folder: created once with its identity and keys, opened by the server or,
/// embedded, by the Job Manager. The roles it hands out are the only way to use its keys.
/// </summary>
public sealed class HsmModule
{
    internal const string MasterKey = "master-key";
    internal const string UserIdentityKey = "u-hsm-identity";
    internal const string ManufacturerIdentityKey = "m-hsm-identity";

    private HsmModule(HsmStore store, ModuleIdentity identity)
    {
        Store = store;
        Identity = identity;
    }

    public ModuleIdentity Identity { get; }

    public string Folder => Store.Folder;

    internal HsmStore Store { get; }

    /// <summary>Creates a module in an empty or new folder; UUIDs not given are random.</summary>
    public static HsmModule Create(string folder, string? uHsmUuid = null, string? uMasterHsmUuid = null, string? mHsmUuid = null)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new HsmException("STORE", $"The folder '{folder}' is not empty; an HSM store is created only in a new or empty folder.");
        }

        var identity = new ModuleIdentity(Uuid(uHsmUuid, "u-hsm-uuid"), Uuid(uMasterHsmUuid, "u-master-hsm-uuid"), Uuid(mHsmUuid, "m-hsm-uuid"), DateTimeOffset.UtcNow);
        var problem = OutputPath.TryWrite(folder, OutputKind.Folder, () =>
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
            {
                // Owner only, also when the empty folder existed with a wider mode: whoever can write the folder can swap the store.
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        });
        if (problem is not null)
        {
            throw new HsmException("STORE", $"The HSM store '{folder}' cannot be created: {problem}.");
        }

        using var user = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var manufacturer = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var secrets = new Dictionary<string, byte[]>
        {
            [MasterKey] = RandomNumberGenerator.GetBytes(32),
            [UserIdentityKey] = user.ExportPkcs8PrivateKey(),
            [ManufacturerIdentityKey] = manufacturer.ExportPkcs8PrivateKey(),
        };
        try
        {
            var store = HsmStore.Create(folder, identity, secrets);
            store.Audit("admin", "init", "ok");
            return new HsmModule(store, store.ReadIdentity());
        }
        finally
        {
            foreach (var secret in secrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    public static HsmModule Open(string folder)
    {
        var store = HsmStore.Open(folder);
        return new HsmModule(store, store.ReadIdentity());
    }

    public ModuleInfo Info() => new(Identity.UHsmUuid, Identity.UMasterHsmUuid, Identity.MHsmUuid, ["user", "manufacturer"],
        Identity.Created, Store.Count("clients"), Store.Count("audit"));

    /// <summary>The user role, acting for <paramref name="client"/> (named in the audit log).</summary>
    public IUserHsm UserRole(string client) => new UserHsmRole(this, client);

    /// <summary>The manufacturer role, acting for <paramref name="client"/> (named in the audit log).</summary>
    public IManufacturerHsm ManufacturerRole(string client = "embedded") => new ManufacturerHsmRole(this, client);

    /// <summary>Enrolls a client and returns its credential; the secret is stored wrapped and shown only this once.</summary>
    public HsmCredential Enroll(string clientName)
    {
        var id = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var secret = RandomNumberGenerator.GetBytes(32);
        Store.AddClient(id, clientName, secret);
        Store.Audit("admin", "enroll", $"ok: client {id} ({clientName})");
        return new HsmCredential(id, secret, Identity.UHsmUuid);
    }

    private static string Uuid(string? given, string option) =>
        given is null ? Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture)
        : Guid.TryParse(given, out var uuid) ? uuid.ToString("D", CultureInfo.InvariantCulture)
        : throw new HsmException("BADVALUE", $"--{option}: '{given}' is not a UUID (expecting e.g. 123e4567-e89b-12d3-a456-426614174000).");
}
