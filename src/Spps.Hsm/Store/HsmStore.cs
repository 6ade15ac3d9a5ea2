using System.Globalization;
using Microsoft.Data.Sqlite;
using Spps.Formats.Production;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Store;

/// <summary>
/// The module's non-volatile memory: one SQLite database (WAL, synchronous=FULL, so an acknowledged write survives
/// a crash) holding the module identity, its security world and certificates, its secrets wrapped under the store
/// key, the enrolled clients and their roles, the nonces of accepted requests, the job requests it processed with
/// their tickets and task keys, and the audit log. Every call opens its own pooled connection, so concurrent server
/// requests share nothing but the database; audit rows and nonces are committed in groups (<see cref="GroupCommit"/>).
/// See docs/security.md for the schema.
/// </summary>
internal sealed partial class HsmStore
{
    public const string DatabaseName = "hsm.db";

    // Each step upgrades the schema by one version, in order; a new store is made at version 1 and upgraded by the
    // same steps, so a new store and an upgraded one are the same.
    private static readonly string[] _migrations =
    [
        // 1 → 2: every request forgets old nonces by time; without an index that scans the table.
        "CREATE INDEX nonces_by_time ON nonces (seen);",

        // 2 → 3: security worlds (the world joined and the module's certificates, written by the step's caller),
        // client roles (every client enrolled before was a user-role client), and the manufacturer role's memory:
        // the requests it processed (one-time use), their tickets with counters, their task keys.
        """
        CREATE TABLE world (id INTEGER PRIMARY KEY CHECK (id = 1), world_id TEXT NOT NULL, root_public_key BLOB NOT NULL);
        CREATE TABLE certificates (role TEXT PRIMARY KEY CHECK (role IN ('user', 'manufacturer')), certificate BLOB NOT NULL);
        ALTER TABLE clients ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'manufacturer'));
        CREATE TABLE job_requests (request_id TEXT PRIMARY KEY, u_hsm_uuid TEXT NOT NULL, request_digest TEXT NOT NULL, processed_at TEXT NOT NULL);
        CREATE TABLE tickets (ticket_id TEXT PRIMARY KEY, request_id TEXT NOT NULL REFERENCES job_requests (request_id), u_hsm_uuid TEXT NOT NULL,
                              job TEXT NOT NULL, task TEXT NOT NULL, name TEXT NOT NULL, device TEXT NOT NULL, die TEXT NOT NULL,
                              action TEXT NOT NULL, protocol TEXT NOT NULL,
                              max_devices INTEGER NULL CHECK (max_devices IS NULL OR max_devices > 0),
                              used INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND (max_devices IS NULL OR used <= max_devices)),
                              received TEXT NOT NULL);
        CREATE INDEX tickets_by_request ON tickets (request_id);
        CREATE TABLE task_keys (request_id TEXT PRIMARY KEY REFERENCES job_requests (request_id), private_key_wrapped BLOB NOT NULL);
        """,

        // 3 → 4: production. The device factory's seed (a secret, written by the step's caller), every spent use of a
        // ticket (kept when the tickets are deleted: the job status lists them), each task's status sequence, and the
        // ended tasks with their final counts.
        """
        CREATE TABLE ticket_uses (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL, request_id TEXT NOT NULL REFERENCES job_requests (request_id),
                                  dsn TEXT NOT NULL, action TEXT NOT NULL, time TEXT NOT NULL);
        CREATE INDEX ticket_uses_by_request ON ticket_uses (request_id);
        CREATE TABLE task_status (request_id TEXT PRIMARY KEY REFERENCES job_requests (request_id), sequence INTEGER NOT NULL CHECK (sequence > 0));
        CREATE TABLE ended_tasks (request_id TEXT PRIMARY KEY REFERENCES job_requests (request_id), job TEXT NOT NULL, task TEXT NOT NULL,
                                  u_hsm_uuid TEXT NOT NULL, ended_at TEXT NOT NULL, terminated INTEGER NOT NULL CHECK (terminated IN (0, 1)),
                                  final_tickets TEXT NOT NULL);
        """,

        // 4 → 5: each use names the device's challenge it answered, so a challenge is authorised once: the same
        // ticket's retry is answered again without a second spend, any other is refused. Uses from before have none.
        """
        ALTER TABLE ticket_uses ADD COLUMN challenge_nonce TEXT NULL;
        CREATE UNIQUE INDEX ticket_uses_by_challenge ON ticket_uses (dsn, challenge_nonce) WHERE challenge_nonce IS NOT NULL;
        """,

        // 5 → 6: a request's nonce is recorded under the time its client signed first. A replay carries the same signed
        // time, so the record's key starts with it: the nonces of one group commit land on the same few pages, where
        // keyed by client and random nonce (with a row id and an index by time) each landed on pages of its own in
        // a table of every nonce of the last ten minutes. The nonces accepted before stay in 'nonces', still looked up,
        // until they are forgotten by time; the table then stays empty.
        """
        CREATE TABLE request_nonces (seconds INTEGER NOT NULL, client_id TEXT NOT NULL, nonce TEXT NOT NULL, PRIMARY KEY (seconds, client_id, nonce)) WITHOUT ROWID;
        """,
    ];

    public static int SchemaVersion => 1 + _migrations.Length;

    private readonly string _connectionString;
    private readonly byte[] _storeKey;
    private readonly GroupCommit _writes;
    private readonly ClientSecrets _clientSecrets = new();

    private HsmStore(string folder, byte[] storeKey)
    {
        Folder = folder;
        _storeKey = storeKey;
        _writes = new GroupCommit(Connect, folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, DatabaseName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Folder { get; }

    /// <summary>Makes a store at the newest schema: the module's identity, its secrets, and the world it joins with its certificates.</summary>
    public static HsmStore Create(string folder, ModuleIdentity identity, IReadOnlyDictionary<string, byte[]> secrets, WorldMembership membership)
    {
        var store = new HsmStore(folder, StoreKeyFile.Create(folder));
        var create = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, DatabaseName), Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using (var connection = new SqliteConnection(create))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            using var transaction = connection.BeginTransaction();
            Execute(connection, """
                CREATE TABLE module (id INTEGER PRIMARY KEY CHECK (id = 1), schema INTEGER NOT NULL, u_hsm_uuid TEXT NOT NULL,
                                     u_master_hsm_uuid TEXT NOT NULL, m_hsm_uuid TEXT NOT NULL, created TEXT NOT NULL);
                CREATE TABLE secrets (name TEXT PRIMARY KEY, wrapped BLOB NOT NULL);
                CREATE TABLE clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_wrapped BLOB NOT NULL, created TEXT NOT NULL);
                CREATE TABLE nonces (client_id TEXT NOT NULL, nonce TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (client_id, nonce));
                CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, client TEXT NOT NULL,
                                    operation TEXT NOT NULL, result TEXT NOT NULL);
                """, transaction);
            Execute(connection, "INSERT INTO module VALUES (1, $schema, $u, $master, $m, $created);", transaction,
                ("$schema", 1), ("$u", identity.UHsmUuid), ("$master", identity.UMasterHsmUuid), ("$m", identity.MHsmUuid),
                ("$created", Timestamp(DateTimeOffset.UtcNow)));
            foreach (var (name, value) in secrets)
            {
                store.WriteSecret(connection, transaction, name, value.ToArray());
            }

            Migrate(connection, transaction, 1);
            WriteMembership(connection, transaction, membership);
            transaction.Commit();
        }

        return store;
    }

    /// <summary>
    /// Opens a store, upgrading one of an older schema. A store from before security worlds joins the world that
    /// <paramref name="joinOnUpgrade"/> certifies it in, given its identity and a reader of its secrets (its identity keys);
    /// a store without one of the secrets a later schema added gets the value <paramref name="secretsOnUpgrade"/> gives
    /// for it (zeroed once stored).
    /// </summary>
    public static HsmStore Open(string folder, Func<ModuleIdentity, Func<string, byte[]>, WorldMembership> joinOnUpgrade,
        IReadOnlyDictionary<string, Func<byte[]>> secretsOnUpgrade)
    {
        if (!File.Exists(Path.Combine(folder, DatabaseName)))
        {
            throw new HsmException("STORE", $"'{folder}' is not an HSM store (it has no {DatabaseName}). Create one with 'spps-hsm init --store {folder}'.");
        }

        var store = new HsmStore(folder, StoreKeyFile.Read(folder));
        using var connection = store.Connect();
        var schema = Schema(connection, null);
        if (schema > SchemaVersion)
        {
            throw new HsmException("STORE", $"The HSM store '{folder}' has schema {schema}, newer than schema {SchemaVersion} that this program reads: use the newer program that wrote it.");
        }

        if (schema < SchemaVersion)
        {
            store.Upgrade(connection, joinOnUpgrade, secretsOnUpgrade);
        }

        return store;
    }

    // Upgrades an older store in one immediate transaction: another process may be upgrading it too, so the version
    // is read again inside the transaction; a failure leaves the store as it was.
    private void Upgrade(SqliteConnection connection, Func<ModuleIdentity, Func<string, byte[]>, WorldMembership> joinOnUpgrade,
        IReadOnlyDictionary<string, Func<byte[]>> secretsOnUpgrade)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var from = Schema(connection, transaction);
            if (from < SchemaVersion)
            {
                Migrate(connection, transaction, from);
                if (Scalar(connection, transaction, "SELECT 1 FROM world WHERE id = 1;") is null)
                {
                    WriteMembership(connection, transaction, joinOnUpgrade(ReadIdentity(), name => ReadSecret(connection, transaction, name)));
                }

                foreach (var (name, value) in secretsOnUpgrade)
                {
                    if (Scalar(connection, transaction, "SELECT 1 FROM secrets WHERE name = $name;", ("$name", name)) is null)
                    {
                        WriteSecret(connection, transaction, name, value());
                    }
                }

                Execute(connection, "INSERT INTO audit (time, client, operation, result) VALUES ($time, 'admin', 'upgrade_store', $result);", transaction,
                    ("$time", Timestamp(DateTimeOffset.UtcNow)), ("$result", $"ok: schema {from} to {SchemaVersion}"));
            }

            transaction.Commit();
        }
        catch (SqliteException error)
        {
            throw new HsmException("STORE", $"The HSM store '{Folder}' has schema {Schema(connection, null)} and could not be upgraded to schema {SchemaVersion}; it was left as it was: {error.Message}");
        }
    }

    private static void Migrate(SqliteConnection connection, SqliteTransaction transaction, int from)
    {
        for (var version = from; version < SchemaVersion; version++)
        {
            Execute(connection, _migrations[version - 1], transaction);
        }

        Execute(connection, "UPDATE module SET schema = $schema WHERE id = 1;", transaction, ("$schema", SchemaVersion));
    }

    private static int Schema(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT schema FROM module WHERE id = 1;");
        command.Transaction = transaction;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public ModuleIdentity ReadIdentity()
    {
        using var connection = Connect();
        using var command = Command(connection, "SELECT u_hsm_uuid, u_master_hsm_uuid, m_hsm_uuid, created FROM module WHERE id = 1;");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ModuleIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3)))
            : throw new HsmException("STORE", $"The HSM store '{Folder}' has no module identity.");
    }

    /// <summary>A secret in plaintext, for use inside the HSM only. Callers zero it when done.</summary>
    public byte[] ReadSecret(string name)
    {
        using var connection = Connect();
        return ReadSecret(connection, null, name);
    }

    private byte[] ReadSecret(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        var wrapped = Scalar(connection, transaction, "SELECT wrapped FROM secrets WHERE name = $name;", ("$name", name)) as byte[]
                      ?? throw new HsmException("STORE", $"The HSM store '{Folder}' has no secret '{name}'.");
        return AeadWrap.TryUnwrap(_storeKey, wrapped, SecretPurpose(name))
               ?? throw new HsmException("STORE", $"The secret '{name}' in the HSM store '{Folder}' does not decrypt with its store key (the store is damaged or its key is not its own).");
    }

    // Stores a secret wrapped under the store key and zeroes the plaintext it is given.
    private void WriteSecret(SqliteConnection connection, SqliteTransaction transaction, string name, byte[] value)
    {
        try
        {
            Execute(connection, "INSERT INTO secrets VALUES ($name, $wrapped);", transaction, ("$name", name), ("$wrapped", AeadWrap.Wrap(_storeKey, value, SecretPurpose(name))));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(value);
        }
    }

    /// <summary>The security world the module joined.</summary>
    public SecurityWorld ReadWorld()
    {
        using var connection = Connect();
        var root = Scalar(connection, null, "SELECT root_public_key FROM world WHERE id = 1;") as byte[]
                   ?? throw new HsmException("STORE", $"The HSM store '{Folder}' has joined no security world.");
        return SecurityWorld.Of(root);
    }

    /// <summary>The module's certificate for <paramref name="role"/> (user or manufacturer).</summary>
    public ModuleCertificate ReadCertificate(string role)
    {
        using var connection = Connect();
        var bytes = Scalar(connection, null, "SELECT certificate FROM certificates WHERE role = $role;", ("$role", role)) as byte[]
                    ?? throw new HsmException("STORE", $"The HSM store '{Folder}' has no {role} certificate.");
        return ModuleCertificate.Parse(bytes, Path.Combine(Folder, DatabaseName));
    }

    /// <summary>
    /// Enrols a client and writes its audit row ("admin", "enroll"), in one transaction: no client is ever served that
    /// the audit log does not name.
    /// </summary>
    public void AddClient(string id, string name, byte[] secret, string role)
    {
        var wrapped = AeadWrap.Wrap(_storeKey, secret, ClientPurpose(id));
        _writes.Run((connection, transaction) =>
        {
            Execute(connection, "INSERT INTO clients (id, name, secret_wrapped, created, role) VALUES ($id, $name, $secret, $created, $role);", transaction,
                ("$id", id), ("$name", name), ("$secret", wrapped), ("$created", Timestamp(DateTimeOffset.UtcNow)), ("$role", role));
            InsertAudit(connection, transaction, "admin", "enroll", $"ok: client {id} ({name}), role {role}");
        });
    }

    /// <summary>The enrolled clients, in the order they were enrolled.</summary>
    public IReadOnlyList<ClientEnrolment> ReadClients()
    {
        using var connection = Connect();
        return ReadClients(connection, null, null);
    }

    /// <summary>
    /// Revokes client <paramref name="id"/>: removes its row and the nonces it used and writes the audit row ("admin",
    /// "revoke"), in one transaction; null, with nothing written, when no such client is enrolled. What this store kept
    /// of its secret is zeroed now; a server in another process reads the row on the client's next request, finds it
    /// gone and zeroes its own (<see cref="FindClient"/>).
    /// </summary>
    public ClientEnrolment? RemoveClient(string id)
    {
        ClientEnrolment? removed = null;
        _writes.Run((connection, transaction) =>
        {
            // Not found is no failure of the commit: the writes of other callers in the same group must still commit.
            removed = ReadClients(connection, transaction, id).SingleOrDefault();
            if (removed is null)
            {
                return;
            }

            Execute(connection, "DELETE FROM request_nonces WHERE client_id = $id; DELETE FROM nonces WHERE client_id = $id;", transaction, ("$id", id));
            Execute(connection, "DELETE FROM clients WHERE id = $id;", transaction, ("$id", id));
            InsertAudit(connection, transaction, "admin", "revoke", $"ok: client {id} ({removed.Name}), role {removed.Role}");
        });
        _clientSecrets.Forget(id);
        return removed;
    }

    // The clients enrolled (only the one with id onlyId when it is given).
    private static List<ClientEnrolment> ReadClients(SqliteConnection connection, SqliteTransaction? transaction, string? onlyId)
    {
        using var command = Command(connection, "SELECT id, name, role, created FROM clients WHERE $id IS NULL OR id = $id ORDER BY created, id;",
            ("$id", (object?)onlyId ?? DBNull.Value));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var clients = new List<ClientEnrolment>();
        while (reader.Read())
        {
            clients.Add(new ClientEnrolment(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3))));
        }

        return clients;
    }

    /// <summary>
    /// The enrolled client's name, secret and role (null when no client <paramref name="id"/> is enrolled) and whether it
    /// already used <paramref name="nonce"/> in a request signed at <paramref name="seconds"/> (looked up, nothing
    /// recorded): one read of the store per request.
    /// </summary>
    public (EnrolledClient? Client, bool NonceSeen) FindClient(string id, long seconds, string nonce)
    {
        using var connection = Connect();
        using var command = Command(connection, """
            SELECT name, secret_wrapped, role,
                   EXISTS (SELECT 1 FROM request_nonces WHERE seconds = $seconds AND client_id = $id AND nonce = $nonce)
                   OR EXISTS (SELECT 1 FROM nonces WHERE client_id = $id AND nonce = $nonce)
            FROM clients WHERE id = $id;
            """, ("$id", id), ("$seconds", seconds), ("$nonce", nonce));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            _clientSecrets.Forget(id);
            return (null, false);
        }

        var secret = _clientSecrets.Unwrap(id, (byte[])reader.GetValue(1), wrapped => AeadWrap.TryUnwrap(_storeKey, wrapped, ClientPurpose(id)))
                     ?? throw new HsmException("STORE", $"The credential of client '{id}' in the HSM store does not decrypt.");
        return (new EnrolledClient(id, reader.GetString(0), secret, reader.GetString(2)), reader.GetBoolean(3));
    }

    /// <summary>
    /// Records an authentic request, signed at <paramref name="seconds"/> (Unix time): its nonce and its audit row, in one
    /// transaction; false, with nothing written, when this client already used the nonce in a request signed then (a
    /// replay) or when the request was signed before <paramref name="forgetBefore"/>. Forgets the nonces of requests
    /// signed before then, which the server refuses by their time anyway. Callers pass descriptions only, never a key value.
    /// </summary>
    public bool RecordRequest(string clientId, long seconds, string nonce, DateTimeOffset forgetBefore, string client, string operation, string result)
    {
        var fresh = false;
        var before = forgetBefore.ToUnixTimeSeconds();
        _writes.Run((connection, transaction) =>
        {
            Execute(connection, "DELETE FROM request_nonces WHERE seconds < $before; DELETE FROM nonces WHERE seen < $beforeText;", transaction,
                ("$before", before), ("$beforeText", Timestamp(forgetBefore)));

            // A request's time is checked with its head, and its body can take minutes to come in: a copy of a request
            // whose head came in before that request was recorded can reach this point after the request's nonce was
            // forgotten. It cannot be told from a replay, so a nonce signed before the forgetting time is never recorded.
            fresh = Execute(connection, "INSERT OR IGNORE INTO request_nonces SELECT $seconds, $client, $nonce WHERE $seconds >= $before;", transaction,
                ("$seconds", seconds), ("$client", clientId), ("$nonce", nonce), ("$before", before)) == 1;
            if (fresh)
            {
                InsertAudit(connection, transaction, client, operation, result);
            }
        });
        return fresh;
    }

    /// <summary>Appends to the audit log. Callers pass descriptions only, never a key value.</summary>
    public void Audit(string client, string operation, string result) =>
        _writes.Run((connection, transaction) => InsertAudit(connection, transaction, client, operation, result));

    public IReadOnlyList<AuditEntry> ReadAudit()
    {
        using var connection = Connect();
        using var command = Command(connection, "SELECT time, client, operation, result FROM audit ORDER BY id;");
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    /// <summary>
    /// How many rows the audit log holds. Rows are only ever appended, numbered from 1 (AUTOINCREMENT), so this is the
    /// last row's number: one lookup, where counting would read the whole log (every connection to the module asks).
    /// </summary>
    public long AuditEntries()
    {
        using var connection = Connect();
        return Convert.ToInt64(Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM audit;"), CultureInfo.InvariantCulture);
    }

    public long Count(string table)
    {
        using var connection = Connect();
        return Convert.ToInt64(Scalar(connection, $"SELECT COUNT(*) FROM {table};"), CultureInfo.InvariantCulture);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // SQLite's own busy wait retries within milliseconds; without it the driver sleeps coarsely between retries.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void InsertAudit(SqliteConnection connection, SqliteTransaction transaction, string client, string operation, string result) =>
        Execute(connection, "INSERT INTO audit (time, client, operation, result) VALUES ($time, $client, $operation, $result);", transaction,
            ("$time", Timestamp(DateTimeOffset.UtcNow)), ("$client", client), ("$operation", operation), ("$result", result));

    private static string SecretPurpose(string name) => "spps-hsm-secret|" + name;

    private static string ClientPurpose(string id) => "spps-hsm-client|" + id;

    internal static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Scalar(connection, null, sql, parameters);

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private static void WriteMembership(SqliteConnection connection, SqliteTransaction transaction, WorldMembership membership)
    {
        Execute(connection, "INSERT INTO world VALUES (1, $id, $root);", transaction, ("$id", membership.World.Id), ("$root", membership.World.RootPublicKey));
        foreach (var certificate in membership.Certificates)
        {
            Execute(connection, "INSERT INTO certificates VALUES ($role, $certificate);", transaction,
                ("$role", certificate.Subject.Role), ("$certificate", certificate.ToBytes()));
        }
    }
}
