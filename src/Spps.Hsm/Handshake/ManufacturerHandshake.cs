using System.Security.Cryptography;
using Spps.Formats.Production;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Handshake;

/// <summary>
/// The M-HSM's half of the handshake: it checks a job request (a U-HSM of its world signed it, its shape), makes the
/// task's key agreement key, signs the reply, and records request, tickets and task key in one transaction, which
/// refuses a request already processed or a ticket already held (docs/security.md, "Tasks and the handshake").
/// </summary>
internal sealed class ManufacturerHandshake(HsmModule module)
{
    private const string Source = "job request";

    public ProcessedJobRequest Process(byte[] request)
    {
        var signed = HandshakeContainer.Read<JobRequestDocument>(request, JobRequestDocument.Type, JobRequestDocument.DocumentPart, JobRequestDocument.CertificatePart, Source);
        HandshakeContainer.CheckSigner(signed, module.World, CertifiedKey.UserRole, Source);
        var document = signed.Document;
        if (signed.Certificate.Subject.Uuid != document.UHsmUuid || document.World != module.World.Id)
        {
            throw new HsmException("CERTIFICATE_MISMATCH",
                $"The job request names U-HSM {HandshakeContainer.Quote(document.UHsmUuid)} but carries the certificate of U-HSM {HandshakeContainer.Quote(signed.Certificate.Subject.Uuid)}.");
        }

        if (!JobRequestRules.IsId(document.RequestId))
        {
            throw new HsmException("BADVALUE", $"The job request's id {HandshakeContainer.Quote(document.RequestId)} is not 32 lower-case hex digits.");
        }

        try
        {
            JobRequestRules.Check(document.Job, document.Task, document.Tickets);
        }
        catch (HsmException error)
        {
            // A U-HSM checks the shape before it signs: a request that breaks it here was made by something else.
            throw new HsmException(error.Code, $"The {Source} is refused: {error.Message}");
        }

        var received = DateTimeOffset.UtcNow;
        var digest = Convert.ToHexStringLower(SHA256.HashData(request));
        using var taskKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var reply = new JobReplyDocument(document.RequestId, digest, module.Identity.MHsmUuid, module.World.Id, taskKey.ExportSubjectPublicKeyInfo(),
            [.. document.Tickets.Select(ticket => ticket.TicketId)]);
        byte[] container;
        using (var identity = module.IdentityKey(CertifiedKey.ManufacturerRole))
        {
            container = HandshakeContainer.Write(JobReplyDocument.Type, JobReplyDocument.DocumentPart, reply, JobReplyDocument.CertificatePart,
                module.Certificate(CertifiedKey.ManufacturerRole), identity, received);
        }

        var processed = new ProcessedRequest(document.RequestId, document.UHsmUuid, digest, document.Job, document.Task, received);
        module.Store.RecordJobRequest(processed, document.Tickets, WrapTaskKey(taskKey, document.RequestId));
        var tickets = document.Tickets.Select(ticket => new TicketRecord(ticket.TicketId, document.RequestId, document.UHsmUuid, document.Job, document.Task,
            ticket.Name, ticket.Device, ticket.Die, ticket.Action, ticket.MaxDevices, 0, received)).ToList();
        return new ProcessedJobRequest(document.RequestId, tickets, container);
    }

    /// <summary>The associated data of a task key wrapped under the master key: bound to this module and the request.</summary>
    internal static string TaskKeyPurpose(string mHsmUuid, string requestId) => $"spps-task-key|{mHsmUuid}|{requestId}";

    private byte[] WrapTaskKey(ECDiffieHellman taskKey, string requestId)
    {
        var master = module.Store.ReadSecret(HsmModule.MasterKey);
        var privateKey = taskKey.ExportPkcs8PrivateKey();
        try
        {
            return AeadWrap.Wrap(master, privateKey, TaskKeyPurpose(module.Identity.MHsmUuid, requestId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
