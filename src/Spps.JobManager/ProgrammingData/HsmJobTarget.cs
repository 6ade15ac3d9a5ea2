namespace Spps.JobManager.ProgrammingData;

/// <summary>
/// A target of an HSM job as the U-HSM seals it: the job's device name, its tickets' ids, the M-HSM the task is bound to, and the task's request and
/// reply containers (the project's copies), which the HSM checks again before it seals anything to the reply's task key.
/// </summary>
internal sealed record HsmJobTarget(string Target, IReadOnlyList<string> TicketIds, string MHsmUuid, byte[] Request, byte[] Reply);
