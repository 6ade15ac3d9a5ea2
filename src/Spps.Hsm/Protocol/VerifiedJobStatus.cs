namespace Spps.Hsm.Protocol;

/// <summary>
/// A job status the U-HSM verified: signed by the M-HSM the task is bound to, for this task, its counts consistent,
/// and its end certifier (when it carries one) signed by that M-HSM too. What it states: its sequence and time, each
/// ticket's counts, the uses spent, a verdict per CoC, and the end of the task.
/// </summary>
public sealed record VerifiedJobStatus(string RequestId, string MHsmUuid, string JobName, string TaskName, long Sequence, DateTimeOffset Created,
    IReadOnlyList<StatusTicket> Tickets, IReadOnlyList<StatusUse> Uses, IReadOnlyList<CocVerdict> Cocs, StatusEnd? End);

/// <summary>A ticket's counts in a verified status: its limit (null: unlimited), the devices it served, those left (null: unlimited).</summary>
public sealed record StatusTicket(string TicketId, string Name, string Device, string Action, long? MaxDevices, long Used, long? Remaining);

/// <summary>One use of a ticket the M-HSM recorded: the device (DSN, 32 hex digits), the action, when.</summary>
public sealed record StatusUse(string TicketId, string Dsn, string Action, DateTimeOffset Time);

/// <summary>
/// The U-HSM's verdict on one CoC of a status (by its place in the status): the device and target it is for, when it
/// could tell, the device's cycle count, and <see cref="Verdict"/> with the reason in words.
/// </summary>
public sealed record CocVerdict(int Index, string? Dsn, string? Target, long? CycleCount, string Verdict, string Reason)
{
    /// <summary>Made with the device's CoC key for this task and target, listing the components of the bitstream the job was exported with.</summary>
    public const string Valid = "VALID";

    /// <summary>Not a CoC at all.</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>No ticketed PROGRAM of the device it names is recorded in the status.</summary>
    public const string NotProgrammed = "NOT_PROGRAMMED";

    /// <summary>Its device was programmed for a target that generates no CoC.</summary>
    public const string NoCocTarget = "NO_COC_TARGET";

    /// <summary>Not made with the device's CoC key for this task: altered, forged, or another task's.</summary>
    public const string BadMac = "BAD_MAC";

    /// <summary>Genuine, but of components other than the bitstream the job was exported with.</summary>
    public const string WrongBitstream = "WRONG_BITSTREAM";

    /// <summary>A CoC given again: the same bytes twice, or more CoCs of a device than PROGRAMs it had.</summary>
    public const string Replayed = "REPLAYED";
}

/// <summary>The end of a task, as the M-HSM's signed Job End Certifier states it: when, whether terminated with devices left, and that the tickets are deleted.</summary>
public sealed record StatusEnd(DateTimeOffset EndedAt, bool Terminated, bool TicketsDeleted);
