using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats.Keysets;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Access;

/// <summary>
/// A module as a transport serves it: authenticates a request in two steps (its head before its body is read, its
/// signature once the body is in), then parses the body strictly, calls the role and returns the reply as JSON, signed
/// for the client. Every authentic request leaves one audit row whatever its outcome; the roles audit their own, a
/// body that does not parse and a request for the module's identity are audited here.
/// </summary>
public sealed class HsmEndpoint(HsmModule module, TimeProvider clock)
{
    private readonly RequestAuthenticator _authenticator = new(module.Store, clock);

    /// <summary>Checks the head of a request whose body has <paramref name="bodyLength"/> bytes; throws UNAUTHENTICATED, REPLAYED or MALFORMED.</summary>
    public RequestClaim CheckHead(string method, string path, long bodyLength, RequestHeaders headers) =>
        _authenticator.CheckHead(method, path, bodyLength, headers);

    /// <summary>
    /// Checks the signature over the request and its body's SHA-256, then that the client's role may call the
    /// operation (FORBIDDEN otherwise, audited); returns the request, which names its client and records its outcome.
    /// </summary>
    public AuthenticRequest Verify(RequestClaim claim, ReadOnlySpan<byte> bodyHash)
    {
        var request = _authenticator.Verify(claim, bodyHash);
        if (HsmOperation.Find(claim.Method, claim.Path) is { Role: { } role } operation && role != claim.Client.Role)
        {
            request.Audit.Record(operation.Name, "refused: FORBIDDEN");
            throw new HsmException("FORBIDDEN",
                $"This client is enrolled for the {claim.Client.Role} role; '{operation.Name}' is an operation of the {role} role (enroll a client with 'spps-hsm enroll --role {role}').");
        }

        return request;
    }

    /// <summary>The reply signature of a reply to <paramref name="claim"/>'s request (<see cref="RequestSignature.ReplySignatureHeader"/>).</summary>
    public static string SignReply(RequestClaim claim, int status, ReadOnlySpan<byte> body) =>
        RequestSignature.Sign(claim.Client.Secret, RequestSignature.ReplyCanonical(claim.Nonce, status, SHA256.HashData(body)));

    /// <summary>Answers an authentic request: the reply's JSON, or an <see cref="HsmException"/>.</summary>
    public byte[] Handle(HsmOperation operation, AuthenticRequest request, ReadOnlyMemory<byte> body)
    {
        var reply = operation.Role == "manufacturer" ? Manufacturer(operation, request, body) : User(operation, request, body);
        return JsonSerializer.SerializeToUtf8Bytes(reply, reply.GetType(), HsmJson.Options);
    }

    private object User(HsmOperation operation, AuthenticRequest request, ReadOnlyMemory<byte> body)
    {
        using var role = module.UserRole(request.Audit);
        return operation.Name switch
        {
            "info" => Audited(operation, request, role.GetInfo()),
            "create_keyset" => role.CreateKeyset(Parse<CreateKeysetRequest>(operation, request, body)),
            "verify_keyset" => role.VerifyKeyset(Parse<WrappedKeyset>(operation, request, body)),
            "seal_bitstream" => role.SealBitstream(Parse<SealBitstreamRequest>(operation, request, body)),
            "sign_job_request" => role.SignJobRequest(Parse<JobRequestContent>(operation, request, body)),
            "verify_job_reply" => VerifyReply(role, Parse<JobReplyCheck>(operation, request, body)),
            "seal_hsm_job_target" => role.SealHsmJobTarget(Parse<SealHsmJobTargetRequest>(operation, request, body)),
            "verify_job_status" => role.VerifyJobStatus(Parse<JobStatusCheck>(operation, request, body)),
            _ => throw new HsmException("NOTFOUND", $"The HSM has no operation '{operation.Name}'."),
        };
    }

    private object Manufacturer(HsmOperation operation, AuthenticRequest request, ReadOnlyMemory<byte> body)
    {
        using var role = module.ManufacturerRole(request.Audit);
        return operation.Name switch
        {
            "process_job_request" => role.ProcessJobRequest(Parse<JobRequestSubmission>(operation, request, body).Request),
            "list_tickets" => role.ListTickets(),
            "remove_tickets" => role.RemoveTickets(Parse<TicketRemoval>(operation, request, body).TicketIds),
            "authorize_device_action" => role.AuthorizeDeviceAction(Parse<DeviceAuthorizationRequest>(operation, request, body)),
            "make_job_status" => MakeJobStatus(role, Parse<JobStatusRequest>(operation, request, body)),
            "end_task" => EndTask(role, Parse<JobEndRequest>(operation, request, body)),
            _ => throw new HsmException("NOTFOUND", $"The HSM has no operation '{operation.Name}'."),
        };
    }

    private static BoundManufacturer VerifyReply(IUserHsm role, JobReplyCheck check) => role.VerifyJobReply(check.Request, check.Reply);

    private static JobStatusReport MakeJobStatus(IManufacturerHsm role, JobStatusRequest status) => role.MakeJobStatus(status.RequestId, status.Cocs);

    private static JobStatusReport EndTask(IManufacturerHsm role, JobEndRequest end) => role.EndTask(end.RequestId, end.Terminate, end.Cocs);

    /// <summary>Records that an authentic request failed for a reason of the server's own (a bug, not a refusal).</summary>
    public void RecordFailure(HsmOperation operation, AuthenticRequest request, Exception error) =>
        request.Audit.Record(operation.Name, $"failed: INTERNAL ({error.GetType().Name})");

    private static T Audited<T>(HsmOperation operation, AuthenticRequest request, T reply)
    {
        request.Audit.Record(operation.Name, "ok");
        return reply;
    }

    // A role audits its own refusals; a body that does not parse never reaches it, so it is audited here.
    private static T Parse<T>(HsmOperation operation, AuthenticRequest request, ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, HsmJson.Options) ?? throw new JsonException("the body is empty");
        }
        catch (JsonException error)
        {
            request.Audit.Record(operation.Name, "refused: MALFORMED");
            throw new HsmException("MALFORMED", $"The request body is not a valid {typeof(T).Name}: {error.Message}");
        }
    }
}
