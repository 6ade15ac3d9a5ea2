using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Store;

/// <summary>
/// The manufacturer role's production memory: tickets spent one use at a time with a record of each use, the
/// sequence of each task's job status, and the end of a task (docs/production.md, "Tickets spent, job status and the
/// end certifier"). Each operation is one immediate transaction, committed (synchronous=FULL) before it returns.
/// </summary>
internal sealed partial class HsmStore
{
    /// <summary>
    /// Spends one use of a ticket for the device <paramref name="dsn"/>'s challenge <paramref name="challengeNonce"/>:
    /// the guarded statement checks the limit and counts in one step, and the use is recorded with the challenge, in
    /// one immediate transaction committed before this returns, so a caller is authorised only for a use already on
    /// disk: a crash can lose an authorisation, never create one. A challenge answered before for the same ticket
    /// spends nothing again (the station retries after a lost answer; the device takes one code per challenge); for
    /// another ticket it is refused (REPLAYED). Refuses (TICKET_SPENT, UNKNOWN_TICKET, REPLAYED) with nothing written.
    /// </summary>
    public TicketSpend SpendTicket(string ticketId, string dsn, string challengeNonce, DateTimeOffset now)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        var id = ("$id", (object)ticketId);
        var challenge = new[] { ("$dsn", (object)dsn), ("$nonce", challengeNonce) };
        if (Scalar(connection, transaction, "SELECT ticket_id FROM ticket_uses WHERE dsn = $dsn AND challenge_nonce = $nonce;", challenge) is string answered)
        {
            return answered == ticketId
                ? new TicketSpend(ReadTickets(connection, transaction, "ticket_id = $id", id).Single(), Repeated: true)
                : throw new HsmException("REPLAYED",
                    $"The challenge {challengeNonce} of device {dsn} was answered already, for ticket {answered}: a challenge is authorised once. Ask the device for a new challenge; nothing was spent.");
        }

        if (Execute(connection, "UPDATE tickets SET used = used + 1 WHERE ticket_id = $id AND (max_devices IS NULL OR used < max_devices);", transaction, id) != 1)
        {
            throw ReadTickets(connection, transaction, "ticket_id = $id", id) is [var held]
                ? new HsmException("TICKET_SPENT",
                    $"The ticket {ticketId} ('{held.TicketName}') is spent: it served its {held.MaxDevices} device(s), and this M-HSM processes no further request for it.")
                : UnknownTicket(ticketId);
        }

        Execute(connection,
            "INSERT INTO ticket_uses (ticket_id, request_id, dsn, action, time, challenge_nonce) SELECT ticket_id, request_id, $dsn, action, $time, $nonce FROM tickets WHERE ticket_id = $id;",
            transaction, [id, .. challenge, ("$time", Timestamp(now))]);
        var spent = ReadTickets(connection, transaction, "ticket_id = $id", id).Single();
        transaction.Commit();
        return new TicketSpend(spent, Repeated: false);
    }

    /// <summary>The ticket held with this id, or null.</summary>
    public TicketRecord? FindTicket(string ticketId)
    {
        using var connection = Connect();
        return ReadTickets(connection, null, "ticket_id = $id", ("$id", ticketId)).SingleOrDefault();
    }

    /// <summary>When the task of <paramref name="requestId"/> ended here, or null when it has not.</summary>
    public TaskEnd? FindEnd(string requestId)
    {
        using var connection = Connect();
        return ReadEnd(connection, null, requestId);
    }

    /// <summary>The task's progress for its next job status, whose sequence number this counts; UNKNOWN_TASK when this module holds no such task.</summary>
    public TaskProgress NextStatus(string requestId)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        var progress = ReadProgress(connection, transaction, requestId);
        transaction.Commit();
        return progress;
    }

    /// <summary>
    /// Ends a task in one immediate transaction: records the end with the final counts, deletes its tickets and its
    /// task key, and counts the status that carries the end. Refused (TASK_ENDED, UNKNOWN_TASK, and DEVICES_LEFT
    /// while a limited ticket has devices left unless <paramref name="terminate"/>) with nothing written.
    /// </summary>
    public TaskProgress EndTask(string requestId, bool terminate, DateTimeOffset now)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        var id = ("$id", (object)requestId);
        if (ReadEnd(connection, transaction, requestId) is { } ended)
        {
            throw TaskEnded(requestId, ended);
        }

        var tickets = ReadTickets(connection, transaction, "request_id = $id", id);
        if (tickets.Count == 0)
        {
            throw UnknownTask(requestId);
        }

        if (!terminate && tickets.FirstOrDefault(ticket => ticket.MaxDevices is { } max && ticket.Used < max) is { } left)
        {
            throw new HsmException("DEVICES_LEFT",
                $"The ticket {left.TicketId} ('{left.TicketName}') of task {requestId} has {left.MaxDevices - left.Used} of its {left.MaxDevices} device(s) left; " +
                "the task is ended only when every ticket is spent, or when it is terminated. Nothing was changed.");
        }

        var first = tickets[0];
        Execute(connection, "INSERT INTO ended_tasks VALUES ($id, $job, $task, $u, $at, $terminated, $tickets);", transaction, id,
            ("$job", first.JobName), ("$task", first.TaskName), ("$u", first.UHsmUuid), ("$at", Timestamp(now)), ("$terminated", terminate ? 1 : 0),
            ("$tickets", JsonSerializer.Serialize(tickets, HsmJson.Options)));
        Execute(connection, "DELETE FROM tickets WHERE request_id = $id;", transaction, id);
        Execute(connection, "DELETE FROM task_keys WHERE request_id = $id;", transaction, id);
        var progress = ReadProgress(connection, transaction, requestId);
        transaction.Commit();
        return progress;
    }

    public static HsmException UnknownTicket(string ticketId) =>
        new("UNKNOWN_TICKET", $"This M-HSM holds no ticket {HandshakeContainer.Quote(ticketId)} (list them with list_all_hsm_tickets).");

    public static HsmException TaskEnded(string requestId, TaskEnd end) =>
        new("TASK_ENDED", $"The task of request {requestId} ended on this M-HSM at {Timestamp(end.EndedAt)}: its tickets are deleted and it runs no ticketed action.");

    private static HsmException UnknownTask(string requestId) =>
        new("UNKNOWN_TASK", $"This M-HSM holds no task of request {HandshakeContainer.Quote(requestId)}: it never processed that request, or its tickets were removed.");

    // The task as it stands (its tickets, or the final counts once ended), with the next status's sequence number.
    private static TaskProgress ReadProgress(SqliteConnection connection, SqliteTransaction transaction, string requestId)
    {
        var id = ("$id", (object)requestId);
        TaskProgress progress;
        using (var command = Command(connection, "SELECT job, task, u_hsm_uuid, ended_at, terminated, final_tickets FROM ended_tasks WHERE request_id = $id;", id))
        {
            command.Transaction = transaction;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                var tickets = JsonSerializer.Deserialize<List<TicketRecord>>(reader.GetString(5), HsmJson.Options)!;
                progress = new TaskProgress(requestId, reader.GetString(2), reader.GetString(0), reader.GetString(1), 0, tickets, [],
                    new TaskEnd(ParseTime(reader.GetString(3)), reader.GetInt64(4) == 1));
            }
            else
            {
                var tickets = ReadTickets(connection, transaction, "request_id = $id", id);
                progress = tickets is [var first, ..]
                    ? new TaskProgress(requestId, first.UHsmUuid, first.JobName, first.TaskName, 0, tickets, [], null)
                    : throw UnknownTask(requestId);
            }
        }

        var sequence = Convert.ToInt64(Scalar(connection, transaction,
            "INSERT INTO task_status VALUES ($id, 1) ON CONFLICT (request_id) DO UPDATE SET sequence = sequence + 1 RETURNING sequence;", id), CultureInfo.InvariantCulture);
        return progress with { Sequence = sequence, Uses = ReadUses(connection, transaction, requestId) };
    }

    private static List<TicketUse> ReadUses(SqliteConnection connection, SqliteTransaction transaction, string requestId)
    {
        using var command = Command(connection, "SELECT ticket_id, dsn, action, time FROM ticket_uses WHERE request_id = $id ORDER BY id;", ("$id", requestId));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var uses = new List<TicketUse>();
        while (reader.Read())
        {
            uses.Add(new TicketUse(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3))));
        }

        return uses;
    }

    private static TaskEnd? ReadEnd(SqliteConnection connection, SqliteTransaction? transaction, string requestId)
    {
        using var command = Command(connection, "SELECT ended_at, terminated FROM ended_tasks WHERE request_id = $id;", ("$id", requestId));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new TaskEnd(ParseTime(reader.GetString(0)), reader.GetInt64(1) == 1) : null;
    }
}
