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
    // The manufacturer role's operations share this path prefix (HsmOperation); every other operation is the user role's.
    private const string ManufacturerPaths = "/v1/manufacturer/";

    private readonly RequestAuthenticator _authenticator = new(module.Store, clock);

    /// <summary>Checks the head of a request whose body has <paramref name="bodyLength"/> bytes; throws UNAUTHENTICATED, REPLAYED or MALFORMED.</summary>
    public RequestClaim CheckHead(string method, string path, long bodyLength, RequestHeaders headers) =>
        _authenticator.CheckHead(method, path, bodyLength, headers);

    /// <summary>Checks the signature over the request and its body's SHA-256; returns the client's name for the audit log.</summary>
    public string Verify(RequestClaim claim, ReadOnlySpan<byte> bodyHash) => _authenticator.Verify(claim, bodyHash);

    /// <summary>The reply signature of a reply to <paramref name="claim"/>'s request (<see cref="RequestSignature.ReplySignatureHeader"/>).</summary>
    public static string SignReply(RequestClaim claim, int status, ReadOnlySpan<byte> body) =>
        RequestSignature.Sign(claim.Client.Secret, RequestSignature.ReplyCanonical(claim.Nonce, status, SHA256.HashData(body)));

    /// <summary>Answers an authentic request of <paramref name="client"/>: the reply's JSON, or an <see cref="HsmException"/>.</summary>
    public byte[] Handle(HsmOperation operation, string client, ReadOnlyMemory<byte> body)
    {
        var reply = operation.Path.StartsWith(ManufacturerPaths, StringComparison.Ordinal) ? Manufacturer(operation, client, body) : User(operation, client, body);
        return JsonSerializer.SerializeToUtf8Bytes(reply, reply.GetType(), HsmJson.Options);
    }

    private object User(HsmOperation operation, string client, ReadOnlyMemory<byte> body)
    {
        using var role = module.UserRole(client);
        return operation.Name switch
        {
            "info" => Audited(operation, client, role.GetInfo()),
            "create_keyset" => role.CreateKeyset(Parse<CreateKeysetRequest>(operation, client, body)),
            "verify_keyset" => role.VerifyKeyset(Parse<WrappedKeyset>(operation, client, body)),
            "seal_bitstream" => role.SealBitstream(Parse<SealBitstreamRequest>(operation, client, body)),
            "sign_job_request" => role.SignJobRequest(Parse<JobRequestContent>(operation, client, body)),
            "verify_job_reply" => VerifyReply(role, Parse<JobReplyCheck>(operation, client, body)),
            _ => throw new HsmException("NOTFOUND", $"The HSM has no operation '{operation.Name}'."),
        };
    }

    private object Manufacturer(HsmOperation operation, string client, ReadOnlyMemory<byte> body)
    {
        using var role = module.ManufacturerRole(client);
        return operation.Name switch
        {
            "process_job_request" => role.ProcessJobRequest(Parse<JobRequestSubmission>(operation, client, body).Request),
            "list_tickets" => role.ListTickets(),
            "remove_tickets" => role.RemoveTickets(Parse<TicketRemoval>(operation, client, body).TicketIds),
            _ => throw new HsmException("NOTFOUND", $"The HSM has no operation '{operation.Name}'."),
        };
    }

    private static BoundManufacturer VerifyReply(IUserHsm role, JobReplyCheck check) => role.VerifyJobReply(check.Request, check.Reply);

    /// <summary>Records that an authentic request failed for a reason of the server's own (a bug, not a refusal).</summary>
    public void RecordFailure(HsmOperation operation, string client, Exception error) =>
        module.Store.Audit(client, operation.Name, $"failed: INTERNAL ({error.GetType().Name})");

    private T Audited<T>(HsmOperation operation, string client, T reply)
    {
        module.Store.Audit(client, operation.Name, "ok");
        return reply;
    }

    // A role audits its own refusals; a body that does not parse never reaches it, so it is audited here.
    private T Parse<T>(HsmOperation operation, string client, ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, HsmJson.Options) ?? throw new JsonException("the body is empty");
        }
        catch (JsonException error)
        {
            module.Store.Audit(client, operation.Name, "refused: MALFORMED");
            throw new HsmException("MALFORMED", $"The request body is not a valid {typeof(T).Name}: {error.Message}");
        }
    }
}
