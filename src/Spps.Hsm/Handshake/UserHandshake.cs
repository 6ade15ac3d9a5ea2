using System.Security.Cryptography;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Handshake;

/// <summary>
/// The U-HSM's half of the handshake: it signs a task's job request as itself (choosing the request id), and later
/// checks that a reply is a genuine M-HSM's answer to a request it signed (docs/security.md, "Tasks and the handshake").
/// </summary>
internal sealed class UserHandshake(HsmModule module)
{
    private const string RequestSource = "job request";
    private const string ReplySource = "job reply";

    public SignedJobRequest Sign(JobRequestContent content)
    {
        if (content is null)
        {
            throw new HsmException("BADREQUEST", "The job request content is missing.");
        }

        // Ids are compared as the U-HSM signed them: lower case, whatever case the caller wrote.
        var tickets = content.Tickets?.Select(ticket => ticket is null ? null! : ticket with { TicketId = ticket.TicketId?.ToLowerInvariant()! }).ToList();
        JobRequestRules.Check(content.JobName, content.TaskName, tickets);
        var requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var document = new JobRequestDocument(requestId, module.World.Id, module.Identity.UHsmUuid, content.JobName, content.TaskName, tickets!);
        using var key = module.IdentityKey(CertifiedKey.UserRole);
        var container = HandshakeContainer.Write(JobRequestDocument.Type, JobRequestDocument.DocumentPart, document,
            JobRequestDocument.CertificatePart, module.Certificate(CertifiedKey.UserRole), key, DateTimeOffset.UtcNow);
        return new SignedJobRequest(requestId, container);
    }

    public BoundManufacturer VerifyReply(byte[] request, byte[] reply) => Verify(request, reply).Bound;

    /// <summary>
    /// Checks a task's reply as <see cref="Verify"/> does, and that it is the reply of the M-HSM the task is bound to
    /// (NOT_BOUND_MHSM otherwise, saying <paramref name="why"/> that matters).
    /// </summary>
    public (BoundManufacturer Bound, JobRequestDocument Request) VerifyBoundTo(byte[] request, byte[] reply, string mHsmUuid, string why)
    {
        var verified = Verify(request, reply);
        if (!string.Equals(verified.Bound.MHsmUuid, mHsmUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new HsmException("NOT_BOUND_MHSM",
                $"The task's reply is M-HSM {verified.Bound.MHsmUuid}'s, and the task is bound to M-HSM {HandshakeContainer.Quote(mHsmUuid)}: {why}.");
        }

        return verified;
    }

    /// <summary>Checks a reply as <see cref="VerifyReply"/> does, and returns the request it answers as this module signed it.</summary>
    public (BoundManufacturer Bound, JobRequestDocument Request) Verify(byte[] request, byte[] reply)
    {
        var asked = ReadOwnRequest(request);
        var answer = HandshakeContainer.Read<JobReplyDocument>(reply, JobReplyDocument.Type, JobReplyDocument.DocumentPart, JobReplyDocument.CertificatePart, ReplySource);
        HandshakeContainer.CheckSigner(answer, module.World, CertifiedKey.ManufacturerRole, ReplySource);
        var document = answer.Document;
        if (answer.Certificate.Subject.Uuid != document.MHsmUuid || document.World != module.World.Id)
        {
            throw new HsmException("CERTIFICATE_MISMATCH",
                $"The job reply names M-HSM {HandshakeContainer.Quote(document.MHsmUuid)} but carries the certificate of M-HSM {HandshakeContainer.Quote(answer.Certificate.Subject.Uuid)}: it is not that module's reply.");
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(request));
        if (document.RequestId != asked.RequestId || document.RequestDigest != digest)
        {
            throw new HsmException("NOT_THIS_REQUEST",
                $"The job reply answers request {HandshakeContainer.Quote(document.RequestId)}, not this task's request {asked.RequestId} (or another version of its file).");
        }

        if (!document.TicketIds.SequenceEqual(asked.Tickets.Select(ticket => ticket.TicketId), StringComparer.Ordinal))
        {
            throw new HsmException("NOT_THIS_REQUEST", $"The job reply to request {asked.RequestId} does not list the request's tickets.");
        }

        if (!IsTaskKey(document.TaskPublicKey))
        {
            throw new HsmException("BAD_CONTAINER", $"The job reply to request {asked.RequestId} carries no valid task key (expecting an ECDH P-384 public key).");
        }

        return (new BoundManufacturer(asked.RequestId, document.MHsmUuid, answer.Certificate.Subject.PublicKey, document.TaskPublicKey), asked);
    }

    // The request must be one this module signed: its own certificate, its own signature.
    private JobRequestDocument ReadOwnRequest(byte[] request)
    {
        var signed = HandshakeContainer.Read<JobRequestDocument>(request, JobRequestDocument.Type, JobRequestDocument.DocumentPart, JobRequestDocument.CertificatePart, RequestSource);
        var own = module.Certificate(CertifiedKey.UserRole);
        if (!signed.Certificate.ToBytes().AsSpan().SequenceEqual(own.ToBytes()) || !signed.IsSignedBy(own) || signed.Document.UHsmUuid != module.Identity.UHsmUuid)
        {
            throw new HsmException("NOT_OUR_REQUEST", $"The job request was not signed by this U-HSM ({module.Identity.UHsmUuid}): only a request it signed can be bound by a reply.");
        }

        return signed.Document;
    }

    private static bool IsTaskKey(byte[] publicKey)
    {
        try
        {
            using var key = ECDiffieHellman.Create();
            key.ImportSubjectPublicKeyInfo(publicKey, out var read);
            return read == publicKey.Length && key.KeySize == 384;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
