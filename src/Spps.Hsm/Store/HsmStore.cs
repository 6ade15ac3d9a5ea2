using System.Globalization;
using Microsoft.Data.Sqlite;
using Spps.Hsm.Crypto;

namespace Spps.Hsm.Store;

/// <summary>
/// The module's non-volatile memory: one SQLite database (WAL, synchronous=FULL, so an acknowledged write survives
/// a crash) holding the module identity, its secrets wrapped under the store key, the enrolled clients, the nonces
/// of accepted requests, and the audit log. Every read opens its own pooled connection, so concurrent server
/// requests share nothing but the database; audit rows and nonces are committed in groups (<see cref="GroupCommit"/>).
/// See docs/security.md for the schema.
/// </summary>
internal sealed class HsmStore
{
    public const string DatabaseName = "hsm.db";

    // Each step upgrades the schema by one version, in order; a new store is made at version 1 and upgraded by the
    // same steps, so a new store and an upgraded one are the same.
    private static readonly string[] _migrations =
    [
        // 1 → 2: every request forgets old nonces by time; without an index that scans the table.
        "CREATE INDEX nonces_by_time ON nonces (seen);",
    ];

    public static int SchemaVersion => 1 + _migrations.Length;

    private readonly string _connectionString;
    private readonly byte[] _storeKey;
    private readonly GroupCommit _writes;

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

    public static HsmStore Create(string folder, ModuleIdentity identity, IReadOnlyDictionary<string, byte[]> secrets)
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
                Execute(connection, "INSERT INTO secrets VALUES ($name, $wrapped);", transaction,
                    ("$name", name), ("$wrapped", AeadWrap.Wrap(store._storeKey, value, SecretPurpose(name))));
            }

            Migrate(connection, transaction, 1);
            transaction.Commit();
        }

        return store;
    }

    public static HsmStore Open(string folder)
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
            store.Upgrade(connection);
        }

        return store;
    }

    // Upgrades an older store in one immediate transaction: another process may be upgrading it too, so the version
    // is read again inside the transaction; a failure leaves the store as it was.
    private void Upgrade(SqliteConnection connection)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var from = Schema(connection, transaction);
            if (from < SchemaVersion)
            {
                Migrate(connection, transaction, from);
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
            ? new ModuleIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : throw new HsmException("STORE", $"The HSM store '{Folder}' has no module identity.");
    }

    /// <summary>A secret in plaintext, for use inside the HSM only. Callers zero it when done.</summary>
    public byte[] ReadSecret(string name)
    {
        using var connection = Connect();
        var wrapped = Scalar(connection, "SELECT wrapped FROM secrets WHERE name = $name;", ("$name", name)) as byte[]
                      ?? throw new HsmException("STORE", $"The HSM store '{Folder}' has no secret '{name}'.");
        return AeadWrap.TryUnwrap(_storeKey, wrapped, SecretPurpose(name))
               ?? throw new HsmException("STORE", $"The secret '{name}' in the HSM store '{Folder}' does not decrypt with its store key (the store is damaged or its key is not its own).");
    }

    public void AddClient(string id, string name, byte[] secret)
    {
        using var connection = Connect();
        Execute(connection, "INSERT INTO clients VALUES ($id, $name, $secret, $created);", null,
            ("$id", id), ("$name", name), ("$secret", AeadWrap.Wrap(_storeKey, secret, ClientPurpose(id))), ("$created", Timestamp(DateTimeOffset.UtcNow)));
    }

    /// <summary>The enrolled client's name and secret, or null when no such client is enrolled.</summary>
    public EnrolledClient? FindClient(string id)
    {
        using var connection = Connect();
        using var command = Command(connection, "SELECT name, secret_wrapped FROM clients WHERE id = $id;", ("$id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var secret = AeadWrap.TryUnwrap(_storeKey, (byte[])reader.GetValue(1), ClientPurpose(id))
                     ?? throw new HsmException("STORE", $"The credential of client '{id}' in the HSM store does not decrypt.");
        return new EnrolledClient(id, reader.GetString(0), secret);
    }

    /// <summary>Whether this client already used the nonce (looked up, nothing recorded).</summary>
    public bool NonceSeen(string clientId, string nonce)
    {
        using var connection = Connect();
        return Scalar(connection, "SELECT 1 FROM nonces WHERE client_id = $client AND nonce = $nonce;", ("$client", clientId), ("$nonce", nonce)) is not null;
    }

    /// <summary>
    /// Records an authentic request: its nonce and its audit row, in one transaction; false, with nothing written, when
    /// this client already used the nonce (a replay). Forgets nonces older than <paramref name="forgetBefore"/>.
    /// Callers pass descriptions only, never a key value.
    /// </summary>
    public bool RecordRequest(string clientId, string nonce, DateTimeOffset now, DateTimeOffset forgetBefore, string client, string operation, string result)
    {
        var fresh = false;
        _writes.Run((connection, transaction) =>
        {
            Execute(connection, "DELETE FROM nonces WHERE seen < $before;", transaction, ("$before", Timestamp(forgetBefore)));
            fresh = Execute(connection, "INSERT OR IGNORE INTO nonces VALUES ($client, $nonce, $seen);", transaction,
                ("$client", clientId), ("$nonce", nonce), ("$seen", Timestamp(now))) == 1;
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

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

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

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }
}
