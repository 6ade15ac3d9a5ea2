namespace Spps.JobManager.HsmTasks;

/// <summary>
/// A job status imported into its task (<c>import_job_status</c>), as the U-HSM verified it: its sequence number and
/// times, each ticket's count, how many CoCs got each verdict, the end it states (if any), and the project's copies of
/// the status container and of its devices' verdicts (<see cref="StatusDevices"/>).
/// </summary>
public sealed class ImportedStatus
{
    public long Sequence { get; set; }

    /// <summary>When the M-HSM made the status.</summary>
    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Imported { get; set; }

    public List<StatusTicketCount> Tickets { get; set; } = [];

    /// <summary>How many CoCs got each verdict (VALID, BAD_MAC, …).</summary>
    public SortedDictionary<string, int> CocVerdicts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the task ended, as the status's Job End Certifier states; null for an interim status.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Whether the end was a termination with devices left.</summary>
    public bool Terminated { get; set; }

    /// <summary>The project's copy of the status container.</summary>
    public string StatusFile { get; set; } = string.Empty;

    /// <summary>The project's copy of the devices and their verdicts (<see cref="StatusDevices"/>).</summary>
    public string DevicesFile { get; set; } = string.Empty;

    public bool Ended => EndedAt is not null;

    /// <summary>The CoCs' verdicts in words ("2 VALID, 1 BAD_MAC"), or "none".</summary>
    public string VerdictSummary() => CocVerdicts.Count == 0 ? "none" : string.Join(", ", CocVerdicts.Select(pair => $"{pair.Value} {pair.Key}"));
}

/// <summary>A ticket's count in an imported status: its limit (null: unlimited), the devices it served, those left.</summary>
public sealed record StatusTicketCount(string TicketId, long? MaxDevices, long Used, long? Remaining);
