using Microsoft.Data.Sqlite;
using Spps.Hsm.Access;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;

namespace Spps.Hsm.Tests;

/// <summary>
/// How the store records requests: an authentic request's nonce and audit row are one write, so a request whose row
/// cannot be written leaves nothing behind; writes of concurrent callers are committed together, and each caller's
/// write is in the store when its call returns.
/// </summary>
public sealed class StoreWriteTests : ServedModuleTest
{
    [Fact]
    public void A_request_whose_audit_row_cannot_be_written_does_not_spend_its_nonce_and_is_refused_as_a_store_failure()
    {
        Execute("CREATE TRIGGER audit_full BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;");
        using var client = new RemoteUserHsm(Server.Address, Credential);
        var before = AuditAndNonceCounts();

        var error = Assert.Throws<HsmException>(() => client.CreateKeyset(EmptyKeysetRequest()));

        Assert.Equal("STORE", error.Code);
        Assert.Contains("the audit log is full", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, AuditAndNonceCounts());
    }

    [Fact]
    public void An_enrolment_whose_audit_row_cannot_be_written_enrols_no_client()
    {
        Execute("CREATE TRIGGER audit_full BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;");
        var before = StoreRows.Of(Module);

        var error = Assert.Throws<HsmException>(() => Module.Enroll("unaudited"));

        Assert.Equal("STORE", error.Code);
        Assert.Contains("the audit log is full", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, StoreRows.Of(Module));
    }

    [Fact]
    public void A_replay_that_passed_the_head_check_while_its_original_was_served_is_refused_with_nothing_written()
    {
        var endpoint = new HsmEndpoint(Module, TimeProvider.System);
        var body = "{\"imports\":{},\"source\":null}"u8.ToArray();
        var headers = SignedHeaders.For(Credential, "POST", HsmOperation.CreateKeyset.Path, body).ToDictionary(header => header.Name, header => header.Value);
        var signed = new RequestHeaders(headers[RequestSignature.ClientHeader], headers[RequestSignature.TimestampHeader], headers[RequestSignature.NonceHeader],
            headers[RequestSignature.HeadSignatureHeader], headers[RequestSignature.SignatureHeader]);
        var hash = System.Security.Cryptography.SHA256.HashData(body);
        var original = endpoint.Verify(endpoint.CheckHead("POST", HsmOperation.CreateKeyset.Path, body.Length, signed), hash);
        var replay = endpoint.Verify(endpoint.CheckHead("POST", HsmOperation.CreateKeyset.Path, body.Length, signed), hash);

        endpoint.Handle(HsmOperation.CreateKeyset, original, body);
        var after = AuditAndNonceCounts();
        var error = Assert.Throws<HsmException>(() => endpoint.Handle(HsmOperation.CreateKeyset, replay, body));

        Assert.Equal("REPLAYED", error.Code);
        Assert.Equal(after, AuditAndNonceCounts());
    }

    [Fact]
    public void Concurrent_writers_each_find_their_row_in_the_store_when_their_call_returns()
    {
        const int Writers = 12;
        const int RowsEach = 20;
        var before = Module.Store.Count("audit");
        var missing = new List<string>();
        var threads = Enumerable.Range(0, Writers).Select(writer => new Thread(() =>
        {
            for (var row = 0; row < RowsEach; row++)
            {
                var result = $"ok: writer {writer} row {row}";
                Module.Store.Audit("tests", "concurrency", result);
                if (!Module.Store.ReadAudit().Any(entry => entry.Result == result))
                {
                    lock (missing)
                    {
                        missing.Add(result);
                    }
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(missing);
        Assert.Equal(before + Writers * RowsEach, Module.Store.Count("audit"));
    }

    [Fact]
    public void A_fault_while_committing_reaches_its_caller_and_later_writes_still_commit()
    {
        var path = Path.Combine(Module.Folder, HsmStore.DatabaseName);
        var commits = new GroupCommit(() => Open(path), Module.Folder);

        Assert.Throws<InvalidOperationException>(() => commits.Run((_, _) => throw new InvalidOperationException("a fault of the program")));
        var failed = Assert.Throws<HsmException>(() => commits.Run((connection, transaction) => Run(connection, transaction, "INSERT INTO nowhere VALUES (1);")));
        commits.Run((connection, transaction) => Run(connection, transaction, "INSERT INTO audit (time, client, operation, result) VALUES ('t', 'tests', 'fault', 'ok');"));

        Assert.Equal("STORE", failed.Code);
        Assert.Contains(Module.Folder, failed.Message, StringComparison.Ordinal);
        Assert.Equal("fault", Module.Store.ReadAudit()[^1].Operation);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Execute(string sql) => StoreRows.Execute(Module.Folder, sql);
}
