using System.Globalization;
using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Files;
using Spps.Formats.Production;
using Spps.Hsm.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Store;
using Spps.Hsm.Worlds;

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
    internal const string FactorySeed = "device-factory";

    // Read on first use: deriving the CA's key costs milliseconds, and a user-role caller never needs it.
    private readonly Lazy<ServedFactory> _factory;

    private HsmModule(HsmStore store)
    {
        Store = store;
        Identity = store.ReadIdentity();
        World = store.ReadWorld();
        _factory = new Lazy<ServedFactory>(ReadFactory);
    }

    public ModuleIdentity Identity { get; }

    /// <summary>The security world the module joined at <c>init</c> (or, for a store older than worlds, on its upgrade).</summary>
    public SecurityWorld World { get; }

    /// <summary>The device factory whose devices the M-HSM serves: chosen at <c>init</c> (the development factory unless one is named, and for a store older than production).</summary>
    public ServedFactory Factory => _factory.Value;

    public string Folder => Store.Folder;

    internal HsmStore Store { get; }

    /// <summary>
    /// Creates a module in an empty or new folder; UUIDs not given are random. It joins <paramref name="world"/>, whose
    /// root certifies its identity keys now and is not kept, or the published development world when none is given;
    /// its M-HSM serves the devices of <paramref name="factory"/> (its seed is kept, wrapped), or of the published
    /// development factory when none is given.
    /// </summary>
    public static HsmModule Create(string folder, string? uHsmUuid = null, string? uMasterHsmUuid = null, string? mHsmUuid = null, WorldRoot? world = null,
        DeviceFactory? factory = null)
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
            [FactorySeed] = factory is null ? DevelopmentFactorySeed() : factory.ExportSeed(),
        };
        try
        {
            // Join zeroes the key bytes it is given: it gets copies.
            byte[] Secret(string name) => secrets[name].ToArray();
            var membership = world is null ? JoinDevelopmentWorld(identity, Secret) : Join(world, identity, Secret);
            var store = HsmStore.Create(folder, identity, secrets, membership);
            store.Audit("admin", "init", $"ok: world {membership.World.Describe()}");
            return new HsmModule(store);
        }
        finally
        {
            foreach (var secret in secrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>
    /// Opens a module. A store made before security worlds joins the development world as it is upgraded, and one made
    /// before production serves the development factory's devices (both published, and labelled as such).
    /// </summary>
    public static HsmModule Open(string folder) => new(HsmStore.Open(folder, JoinDevelopmentWorld, new Dictionary<string, Func<byte[]>> { [FactorySeed] = DevelopmentFactorySeed }));

    public ModuleInfo Info() => new(Identity.UHsmUuid, Identity.UMasterHsmUuid, Identity.MHsmUuid, [CertifiedKey.UserRole, CertifiedKey.ManufacturerRole],
        Identity.Created, Store.Count("clients"), Store.AuditEntries(), World.Id, World.IsDevelopment, Factory.Id, Factory.IsDevelopment);

    /// <summary>A device's factory key FK, derived inside the module from the factory's seed; the caller zeroes it.</summary>
    internal byte[] FactoryKey(Dsn dsn)
    {
        var seed = Store.ReadSecret(FactorySeed);
        try
        {
            using var factory = DeviceFactory.FromSeed(seed);
            return factory.FactoryKey(dsn.ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The user role, acting for <paramref name="client"/> (named in the audit log).</summary>
    public IUserHsm UserRole(string client) => UserRole(new ClientAuditLog(Store, client));

    /// <summary>The user role, recording its outcomes in <paramref name="audit"/> (a served request's, with its nonce).</summary>
    internal IUserHsm UserRole(IAuditLog audit) => new UserHsmRole(this, audit);

    /// <summary>The manufacturer role, acting for <paramref name="client"/> (named in the audit log).</summary>
    public IManufacturerHsm ManufacturerRole(string client = "embedded") => ManufacturerRole(new ClientAuditLog(Store, client));

    /// <summary>The manufacturer role, recording its outcomes in <paramref name="audit"/> (a served request's, with its nonce).</summary>
    internal IManufacturerHsm ManufacturerRole(IAuditLog audit) => new ManufacturerHsmRole(this, audit);

    /// <summary>
    /// Enrolls a client for one role (<c>user</c>, the default, or <c>manufacturer</c>) and returns its credential; the
    /// secret is stored wrapped and shown only this once. A client is served the operations of its role only.
    /// </summary>
    public HsmCredential Enroll(string clientName, string role = CertifiedKey.UserRole)
    {
        if (role is not (CertifiedKey.UserRole or CertifiedKey.ManufacturerRole))
        {
            throw new HsmException("BADVALUE", $"--role: '{role}' is not a role of the module (expecting {CertifiedKey.UserRole} or {CertifiedKey.ManufacturerRole}).");
        }

        var id = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        var secret = RandomNumberGenerator.GetBytes(32);
        Store.AddClient(id, clientName, secret, role);
        return new HsmCredential(id, secret, Identity.UHsmUuid);
    }

    /// <summary>The enrolled clients (id, name, role, enrolment time; never a secret), in the order they were enrolled.</summary>
    public IReadOnlyList<ClientEnrolment> Clients() => Store.ReadClients();

    /// <summary>
    /// Revokes an enrolled client: its credential is refused from its next request on, by this module and by a server
    /// running on the same store in another process (each request reads the client's row). The revocation is audited.
    /// An id that is not a client id, or of no client enrolled here, is refused and changes nothing.
    /// </summary>
    public ClientEnrolment Revoke(string clientId)
    {
        var listing = $"'spps-hsm clients --store {Folder}' lists the enrolled ones";
        if (!Guid.TryParseExact(clientId, "D", out var id))
        {
            throw new HsmException("BADVALUE", $"--client: '{clientId}' is not a client id (expecting the UUID 'clientId' of a credential file, e.g. 123e4567-e89b-12d3-a456-426614174000); {listing}.");
        }

        return Store.RemoveClient(id.ToString("D", CultureInfo.InvariantCulture))
               ?? throw new HsmException("NOTFOUND", $"--client: no client '{clientId}' is enrolled with the HSM module in '{Folder}'; {listing}.");
    }

    /// <summary>The module's certificate for a role: its identity key, certified by its world's root.</summary>
    internal ModuleCertificate Certificate(string role) => Store.ReadCertificate(role);

    /// <summary>The identity private key of a role, for signing inside the module; the caller disposes it.</summary>
    internal ECDsa IdentityKey(string role) => ImportKey(Store.ReadSecret(role == CertifiedKey.UserRole ? UserIdentityKey : ManufacturerIdentityKey));

    private ServedFactory ReadFactory()
    {
        var seed = Store.ReadSecret(FactorySeed);
        try
        {
            using var factory = DeviceFactory.FromSeed(seed);
            return new ServedFactory(factory.IdBytes, factory.CaPublicKey, factory.IsDevelopment, factory.Describe());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static byte[] DevelopmentFactorySeed()
    {
        using var development = DeviceFactory.Development();
        return development.ExportSeed();
    }

    private static WorldMembership JoinDevelopmentWorld(ModuleIdentity identity, Func<string, byte[]> secret)
    {
        using var root = WorldRoot.Development();
        return Join(root, identity, secret);
    }

    // secret(name) gives a fresh copy of an identity private key (PKCS#8), zeroed here once imported.
    private static WorldMembership Join(WorldRoot root, ModuleIdentity identity, Func<string, byte[]> secret)
    {
        using var user = ImportKey(secret(UserIdentityKey));
        using var manufacturer = ImportKey(secret(ManufacturerIdentityKey));
        return new WorldMembership(root.World,
        [
            root.Certify(CertifiedKey.UserRole, identity.UHsmUuid, user.ExportSubjectPublicKeyInfo()),
            root.Certify(CertifiedKey.ManufacturerRole, identity.MHsmUuid, manufacturer.ExportSubjectPublicKeyInfo()),
        ]);
    }

    // Imports a PKCS#8 private key and zeroes the bytes it came in.
    private static ECDsa ImportKey(byte[] pkcs8)
    {
        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static string Uuid(string? given, string option) =>
        given is null ? Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture)
        : Guid.TryParse(given, out var uuid) ? uuid.ToString("D", CultureInfo.InvariantCulture)
        : throw new HsmException("BADVALUE", $"--{option}: '{given}' is not a UUID (expecting e.g. 123e4567-e89b-12d3-a456-426614174000).");
}
