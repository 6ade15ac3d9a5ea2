using Microsoft.Data.Sqlite;

namespace Spps.Hsm.Store;

/// <summary>
/// Commits the store's writes in groups. A caller's write is durable (committed with synchronous=FULL) when its call
/// returns; callers that arrive while a commit is under way wait for it, and the first of them then commits all of
/// their writes in one transaction. So concurrent requests share one flush to disk instead of queueing for SQLite's
/// write lock one by one, each polling for it with growing sleeps (the long tail of a busy server's latency).
/// </summary>
internal sealed class GroupCommit(Func<SqliteConnection> connect, string storeFolder)
{
    private readonly object _gate = new();
    private List<Write> _queued = [];
    private bool _committing;

    /// <summary>Runs <paramref name="write"/> in a transaction, maybe with other callers' writes, and returns once it is committed.</summary>
    public void Run(Action<SqliteConnection, SqliteTransaction> write)
    {
        var mine = new Write(write);
        List<Write> batch;
        lock (_gate)
        {
            _queued.Add(mine);
            while (_committing && !mine.Finished)
            {
                Monitor.Wait(_gate);
            }

            if (!mine.Finished)
            {
                _committing = true;
                batch = _queued;
                _queued = [];
            }
            else
            {
                batch = [];
            }
        }

        if (batch.Count > 0)
        {
            CommitAndRelease(batch);
        }

        if (mine.Failure is { } failure)
        {
            throw new HsmException("STORE", $"The HSM store '{storeFolder}' could not record the request; nothing of it was written: {failure}");
        }
    }

    // Commits the batch, then tells every caller in it how it went. Until the commit succeeds the batch counts as
    // failed, so a fault of any kind still releases the callers waiting for it.
    private void CommitAndRelease(List<Write> batch)
    {
        string? failure = "the program failed while writing (its log says why)";
        try
        {
            using var connection = connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            batch.ForEach(write => write.Run(connection, transaction));
            transaction.Commit();
            failure = null;
        }
        catch (SqliteException error)
        {
            failure = error.Message;
        }
        finally
        {
            lock (_gate)
            {
                batch.ForEach(write => write.Finish(failure));
                _committing = false;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed class Write(Action<SqliteConnection, SqliteTransaction> run)
    {
        public bool Finished { get; private set; }

        /// <summary>Why the commit failed, or null when it succeeded (or has not finished).</summary>
        public string? Failure { get; private set; }

        public void Run(SqliteConnection connection, SqliteTransaction transaction) => run(connection, transaction);

        public void Finish(string? failure)
        {
            Failure = failure;
            Finished = true;
        }
    }
}
