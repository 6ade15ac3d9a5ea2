using Spps.Hsm.Production;

namespace Spps.Hsm.Protocol;

/// <summary>
/// One operation of the HSM protocol: its name in the audit log, its method and path, and the largest request body it
/// accepts. This table is the protocol's one list of operations: the server answers exactly these and the client
/// sends exactly these (docs/hsm-server.md).
/// </summary>
public sealed record HsmOperation(string Name, string Method, string Path, long MaximumBodyBytes)
{
    public const int DefaultPort = 7400;

    // A keyset request holds a few dozen wrapped keys; a bitstream request the largest die's design in base64.
    private const long KeysetBodyBytes = 1 << 20;
    private const long BitstreamBodyBytes = 64 << 20;

    // A job request holds at most 10,000 tickets (a few hundred bytes each, deflated in its container, then base64);
    // checking a reply sends the request with it. Removing tickets names at most as many ids.
    private const long JobRequestBodyBytes = 8 << 20;
    private const long TicketIdsBodyBytes = 1 << 20;
    private const long DeviceBodyBytes = 1 << 20;

    // A status request carries the CoCs in base64: at most 24 MiB of them (JobStatusMaker.MaximumCocBytesInAll), 32 MiB in base64.
    private const long JobStatusBodyBytes = 64 << 20;

    // Verifying a status sends the whole status file in base64 (at most 65 MiB: JobStatusFile.MaximumFileBytes), the
    // task's request and reply, and the keysets of the targets that give CoCs (a few kilobytes).
    private const long VerifyJobStatusBodyBytes = (4L * ((JobStatusFile.MaximumFileBytes + 2) / 3)) + (2 * JobRequestBodyBytes) + KeysetBodyBytes;

    public static HsmOperation Info { get; } = new("info", "GET", "/v1/info", 0);

    public static HsmOperation CreateKeyset { get; } = new("create_keyset", "POST", "/v1/user/keysets", KeysetBodyBytes);

    public static HsmOperation VerifyKeyset { get; } = new("verify_keyset", "POST", "/v1/user/keysets/verify", KeysetBodyBytes);

    public static HsmOperation SealBitstream { get; } = new("seal_bitstream", "POST", "/v1/user/bitstreams", BitstreamBodyBytes);

    public static HsmOperation SignJobRequest { get; } = new("sign_job_request", "POST", "/v1/user/job-requests", JobRequestBodyBytes);

    public static HsmOperation VerifyJobReply { get; } = new("verify_job_reply", "POST", "/v1/user/job-replies/verify", 2 * JobRequestBodyBytes);

    // An HSM job's target sends a bitstream's design with the task's request and reply.
    public static HsmOperation SealHsmJobTarget { get; } = new("seal_hsm_job_target", "POST", "/v1/user/hsm-jobs/targets", BitstreamBodyBytes + 2 * JobRequestBodyBytes);

    public static HsmOperation VerifyJobStatus { get; } = new("verify_job_status", "POST", "/v1/user/job-status/verify", VerifyJobStatusBodyBytes);

    public static HsmOperation ProcessJobRequest { get; } = new("process_job_request", "POST", "/v1/manufacturer/job-requests", JobRequestBodyBytes);

    public static HsmOperation ListTickets { get; } = new("list_tickets", "GET", "/v1/manufacturer/tickets", 0);

    public static HsmOperation RemoveTickets { get; } = new("remove_tickets", "POST", "/v1/manufacturer/tickets/remove", TicketIdsBodyBytes);

    // An authorisation sends a target's sealed secrets and a device's few hundred public bytes.
    public static HsmOperation AuthorizeDeviceAction { get; } = new("authorize_device_action", "POST", "/v1/manufacturer/authorizations", DeviceBodyBytes);

    // A status request carries the CoCs a station collected: a CoC (a few hundred bytes, in base64) per device of the job;
    // its reply, the signed status in base64, is the module's own and read by the client whole.
    public static HsmOperation MakeJobStatus { get; } = new("make_job_status", "POST", "/v1/manufacturer/job-status", JobStatusBodyBytes);

    public static HsmOperation EndTask { get; } = new("end_task", "POST", "/v1/manufacturer/job-status/end", JobStatusBodyBytes);

    public static IReadOnlyList<HsmOperation> All { get; } =
    [
        Info, CreateKeyset, VerifyKeyset, SealBitstream, SignJobRequest, VerifyJobReply, SealHsmJobTarget, VerifyJobStatus, ProcessJobRequest, ListTickets, RemoveTickets,
        AuthorizeDeviceAction, MakeJobStatus, EndTask,
    ];

    /// <summary>
    /// The module role whose clients may call this operation, by its path (<c>/v1/user/…</c>, <c>/v1/manufacturer/…</c>);
    /// null for an operation every client may call (the module's identity).
    /// </summary>
    public string? Role =>
        Path.StartsWith("/v1/user/", StringComparison.Ordinal) ? "user"
        : Path.StartsWith("/v1/manufacturer/", StringComparison.Ordinal) ? "manufacturer"
        : null;

    public static long LargestBody { get; } = All.Max(operation => operation.MaximumBodyBytes);

    public static HsmOperation? Find(string method, string path) =>
        All.FirstOrDefault(operation => operation.Method == method && string.Equals(operation.Path, path, StringComparison.Ordinal));
}
