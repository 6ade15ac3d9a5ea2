using Microsoft.Data.Sqlite;
using Spps.Hsm.Store;

namespace Spps.Hsm.Tests;

/// <summary>
/// Everything a module's store holds but its audit log and request nonces (which every authentic request adds to), as
/// text: two equal dumps mean a refused operation changed nothing.
/// </summary>
internal static class StoreRows
{
    private static readonly string[] _tables = ["module", "world", "certificates", "secrets", "clients", "job_requests", "tickets", "task_keys", "ticket_uses", "task_status", "ended_tasks"];

    public static string Of(HsmModule module)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(module.Folder, HsmStore.DatabaseName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var dump = new System.Text.StringBuilder();
        foreach (var table in _tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY rowid;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                dump.Append(table).Append(':');
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    dump.Append(' ').Append(reader.GetValue(column) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(column)?.ToString());
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    /// <summary>Runs <paramref name="sql"/> on the store in <paramref name="folder"/> over a connection of its own, as another process would.</summary>
    public static void Execute(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, HsmStore.DatabaseName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of every row <paramref name="sql"/> selects from the store in <paramref name="folder"/>.</summary>
    public static List<T> Query<T>(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, HsmStore.DatabaseName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }
}
