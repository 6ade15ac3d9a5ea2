namespace Spps.JobManager.HsmTasks;

/// <summary>
/// A job ticket of an HSM task: one programming action on one target of the job, with its overbuild limit. Its id
/// (32 hex digits, random) is how the M-HSM and FlashPro Express know the ticket.
/// </summary>
public sealed class HsmTicket
{
    public string Name { get; set; } = string.Empty;

    public string TicketId { get; set; } = string.Empty;

    /// <summary>The job's target the ticket is for (a device name of the job).</summary>
    public string Device { get; set; } = string.Empty;

    /// <summary>PROGRAM, ERASE or VERIFY; DEBUG in a SmartDebug job.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>How many devices the ticket may serve; null for unlimited.</summary>
    public long? MaxDevices { get; set; }
}
