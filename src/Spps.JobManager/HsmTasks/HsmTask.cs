namespace Spps.JobManager.HsmTasks;

/// <summary>
/// An HSM task of a programming job (command reference 15.4.8.5.1): how its M-HSM request is executed, its tickets,
/// its state, and what each step of the handshake left: the request (its id and digest, and the project's copy of
/// the container), the reply (the M-HSM it binds the task to, and the copy of the container), the last export.
/// Files are referred to by paths relative to the project folder.
/// </summary>
public sealed class HsmTask
{
    public const string External = "EXTERNAL";
    public const string Internal = "INTERNAL";

    public string Name { get; set; } = string.Empty;

    /// <summary><see cref="External"/> (the request is exported and its reply imported) or <see cref="Internal"/>.</summary>
    public string RequestType { get; set; } = External;

    public HsmTaskState State { get; set; } = HsmTaskState.Created;

    public List<HsmTicket> Tickets { get; set; } = [];

    /// <summary>The id the U-HSM gave the exported request.</summary>
    public string? RequestId { get; set; }

    /// <summary>The digest of the exported request, as hex digits.</summary>
    public string? RequestDigest { get; set; }

    /// <summary>The project's copy of the exported request container.</summary>
    public string? RequestFile { get; set; }

    /// <summary>The UUID of the M-HSM whose reply binds the task.</summary>
    public string? MHsmUuid { get; set; }

    /// <summary>The project's copy of the imported reply container.</summary>
    public string? ReplyFile { get; set; }

    /// <summary>The file name (no folder) of the last HSM job exported from the task.</summary>
    public string? ExportedFile { get; set; }

    /// <summary>The ticketed targets of the last export, with the digests their devices' CoCs must list.</summary>
    public List<ExportedTarget> ExportedTargets { get; set; } = [];

    /// <summary>The job statuses imported, oldest first.</summary>
    public List<ImportedStatus> Statuses { get; set; } = [];

    public bool IsInternal => RequestType == Internal;

    /// <summary>Whether the task's request is out (exported, or executed by an INTERNAL export): the tickets and the job's chain it describes are fixed.</summary>
    public bool HasSentRequest => State >= HsmTaskState.RequestExported;

    public HsmTicket? FindTicket(string name) => Tickets.Find(ticket => ticket.Name == name);
}
