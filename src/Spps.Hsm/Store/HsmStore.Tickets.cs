using System.Globalization;
using Microsoft.Data.Sqlite;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Store;

/// <summary>
/// The manufacturer role's memory: the job requests processed (each once), their tickets with counters, and their
/// task keys. A request is recorded whole or not at all; a ticket is spent by one guarded statement.
/// </summary>
internal sealed partial class HsmStore
{
    /// <summary>
    /// Records a processed request, its tickets and its wrapped task key in one immediate transaction, so a crash leaves
    /// all or none. Refuses (REQUEST_PROCESSED, TICKET_HELD) and records nothing when the request id or a ticket id is
    /// already here: checked inside the transaction, so two processes racing with one request cannot both record it.
    /// </summary>
    public void RecordJobRequest(ProcessedRequest request, IReadOnlyList<RequestedTicket> tickets, byte[] wrappedTaskKey)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Scalar(connection, transaction, "SELECT processed_at FROM job_requests WHERE request_id = $id;", ("$id", request.RequestId)) is string processed)
        {
            throw new HsmException("REQUEST_PROCESSED",
                $"The job request {request.RequestId} was already processed by this M-HSM (at {processed}); a request is processed once. Ask the OEM for a new request.");
        }

        foreach (var ticket in tickets)
        {
            if (Scalar(connection, transaction, "SELECT request_id FROM tickets WHERE ticket_id = $id;", ("$id", ticket.TicketId)) is string holder)
            {
                throw new HsmException("TICKET_HELD",
                    $"The ticket {ticket.TicketId} ('{ticket.Name}') is already held by this M-HSM (from job request {holder}); nothing of this request was recorded.");
            }
        }

        var received = Timestamp(request.Received);
        Execute(connection, "INSERT INTO job_requests VALUES ($id, $u, $digest, $at);", transaction,
            ("$id", request.RequestId), ("$u", request.UHsmUuid), ("$digest", request.RequestDigest), ("$at", received));
        foreach (var ticket in tickets)
        {
            Execute(connection, """
                INSERT INTO tickets (ticket_id, request_id, u_hsm_uuid, job, task, name, device, die, action, protocol, max_devices, received)
                VALUES ($id, $request, $u, $job, $task, $name, $device, $die, $action, $protocol, $max, $received);
                """, transaction,
                ("$id", ticket.TicketId), ("$request", request.RequestId), ("$u", request.UHsmUuid), ("$job", request.JobName), ("$task", request.TaskName),
                ("$name", ticket.Name), ("$device", ticket.Device), ("$die", ticket.Die), ("$action", ticket.Action), ("$protocol", ticket.Protocol),
                ("$max", ticket.MaxDevices is { } max ? max : DBNull.Value), ("$received", received));
        }

        Execute(connection, "INSERT INTO task_keys VALUES ($id, $key);", transaction, ("$id", request.RequestId), ("$key", wrappedTaskKey));
        transaction.Commit();
    }

    /// <summary>The wrapped task key of a processed request, or null when this module holds none for it.</summary>
    public byte[]? ReadTaskKey(string requestId)
    {
        using var connection = Connect();
        return Scalar(connection, null, "SELECT private_key_wrapped FROM task_keys WHERE request_id = $id;", ("$id", requestId)) as byte[];
    }

    /// <summary>Every ticket held, in the order they were received.</summary>
    public IReadOnlyList<TicketRecord> ListTickets()
    {
        using var connection = Connect();
        return ReadTickets(connection, null, "1 = 1");
    }

    /// <summary>The held tickets <paramref name="condition"/> (an SQL condition on the tickets table) selects, in the order they were received.</summary>
    private static List<TicketRecord> ReadTickets(SqliteConnection connection, SqliteTransaction? transaction, string condition, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, $"""
            SELECT ticket_id, request_id, u_hsm_uuid, job, task, name, device, die, action, max_devices, used, received FROM tickets WHERE {condition} ORDER BY rowid;
            """, parameters);
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var tickets = new List<TicketRecord>();
        while (reader.Read())
        {
            tickets.Add(new TicketRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.GetInt64(10), ParseTime(reader.GetString(11))));
        }

        return tickets;
    }

    /// <summary>
    /// Removes the named tickets (every ticket when null) in one transaction, and the task key of each request left
    /// without tickets; an id not held is refused (UNKNOWN_TICKET) and nothing is removed. The request ids stay: a
    /// request is never processed twice, even once its tickets are gone.
    /// </summary>
    public IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        var held = HeldTicketIds(connection, transaction);
        var removing = ticketIds is null ? held : [.. ticketIds.Distinct(StringComparer.Ordinal)];
        var unknown = removing.FirstOrDefault(id => !held.Contains(id));
        if (unknown is not null)
        {
            throw new HsmException("UNKNOWN_TICKET", $"This M-HSM holds no ticket {Handshake.HandshakeContainer.Quote(unknown)}; no ticket was removed (list them with list_all_hsm_tickets).");
        }

        foreach (var id in removing)
        {
            Execute(connection, "DELETE FROM tickets WHERE ticket_id = $id;", transaction, ("$id", id));
        }

        Execute(connection, "DELETE FROM task_keys WHERE request_id NOT IN (SELECT request_id FROM tickets);", transaction);
        transaction.Commit();
        return removing;
    }

    private static List<string> HeldTicketIds(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, "SELECT ticket_id FROM tickets ORDER BY rowid;");
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
