using System.Text.Json.Serialization;

namespace Spps.JobManager.HsmTasks;

/// <summary>
/// Where an HSM task is in its life (docs/decisions.md, "HSM tasks"). An EXTERNAL task goes through every state in
/// order; an INTERNAL one goes from <see cref="HasTickets"/> to <see cref="Exported"/>, its request executed inside
/// export_hsmtask. The order of the members is the order of the states.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HsmTaskState>))]
public enum HsmTaskState
{
    /// <summary>Added to its job, without a ticket yet.</summary>
    Created,

    /// <summary>Has one ticket or more; tickets may still be added.</summary>
    HasTickets,

    /// <summary>Its job request was exported (<c>hsmtask_m_request</c>): its tickets and its job's chain are fixed.</summary>
    RequestExported,

    /// <summary>The M-HSM's reply was imported (<c>hsmtask_m_reply</c>): the task is bound to that module.</summary>
    ReplyBound,

    /// <summary>Exported as an HSM job (<c>export_hsmtask</c>); it may be exported again.</summary>
    Exported,

    /// <summary>An interim job status was imported (<c>import_job_status</c>): the job runs at the manufacturer.</summary>
    Producing,

    /// <summary>A status with the M-HSM's Job End Certifier was imported: the task's tickets are deleted; later statuses may still be imported.</summary>
    Ended,
}
