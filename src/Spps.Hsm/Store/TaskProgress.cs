using Spps.Hsm.Protocol;

namespace Spps.Hsm.Store;

/// <summary>
/// Where a task stands in production, as one transaction read it: its tickets with their counters (the final ones
/// once it ended), every use spent, the sequence number of the status being made, and its end if it ended.
/// </summary>
internal sealed record TaskProgress(string RequestId, string UHsmUuid, string JobName, string TaskName, long Sequence,
    IReadOnlyList<TicketRecord> Tickets, IReadOnlyList<TicketUse> Uses, TaskEnd? End);

/// <summary>One spent use of a ticket: which device (DSN in hex) and action, and when.</summary>
internal sealed record TicketUse(string TicketId, string Dsn, string Action, DateTimeOffset Time);

/// <summary>When a task ended, and whether it was terminated with devices left.</summary>
internal sealed record TaskEnd(DateTimeOffset EndedAt, bool Terminated);
