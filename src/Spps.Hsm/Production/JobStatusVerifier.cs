using System.Security.Cryptography;
using System.Text.Json;
using Spps.Formats;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Production;

/// <summary>
/// The U-HSM's verification of a job status (docs/security.md, "Job status"). It checks the task's reply again and
/// takes the bound M-HSM from it alone; the status must be a <c>spps-job-status</c> signed by that very module (a
/// genuine status of another M-HSM of the world is refused), for this task, with counts that hold together; an end
/// certifier must be signed by the same module and state the status's final counts. Then each CoC gets a verdict
/// (<see cref="CocVerifier"/>). A status that fails a check is refused whole; a bad CoC is reported, not refused.
/// </summary>
internal sealed class JobStatusVerifier(HsmModule module)
{
    private const string Source = "job status";

    public VerifiedJobStatus Verify(JobStatusCheck given, byte[] master)
    {
        var check = Snapshot(given);
        var signed = JobStatusFile.Read(check.Status, Source);
        var (bound, asked) = new UserHandshake(module).VerifyBoundTo(check.Request, check.Reply, check.MHsmUuid, "only that module's status tells of the task");
        HandshakeContainer.CheckSigner(signed, module.World, CertifiedKey.ManufacturerRole, Source);
        var subject = signed.Certificate.Subject;
        if (subject.Uuid != bound.MHsmUuid || !subject.PublicKey.AsSpan().SequenceEqual(bound.IdentityPublicKey))
        {
            throw new HsmException("NOT_BOUND_MHSM",
                $"The job status is signed by M-HSM {HandshakeContainer.Quote(subject.Uuid)}, and task {bound.RequestId} is bound to M-HSM {bound.MHsmUuid}: " +
                "only the module that holds the task's tickets can say how they were used.");
        }

        var document = signed.Document;
        if (document.MHsmUuid != subject.Uuid || document.World != module.World.Id)
        {
            throw new HsmException("CERTIFICATE_MISMATCH",
                $"The job status names M-HSM {HandshakeContainer.Quote(document.MHsmUuid)} of world {HandshakeContainer.Quote(document.World)} and carries the certificate of M-HSM {subject.Uuid}.");
        }

        if (document.RequestId != asked.RequestId || document.UHsmUuid != asked.UHsmUuid || document.Job != asked.Job || document.Task != asked.Task)
        {
            throw new HsmException("NOT_THIS_TASK",
                $"The job status is of task {HandshakeContainer.Quote(document.RequestId)} (job {HandshakeContainer.Quote(document.Job)}, HSM task {HandshakeContainer.Quote(document.Task)}), " +
                $"not of this task's request {asked.RequestId} (job '{asked.Job}', HSM task '{asked.Task}').");
        }

        var tickets = StatusCounts.Check(document, asked);
        var end = document.EndCertifier is { } certifier ? CheckEnd(certifier, bound, tickets) : null;
        using var cocs = new CocVerifier(module, bound.RequestId, asked, check.Targets, master);
        return new VerifiedJobStatus(document.RequestId, document.MHsmUuid, document.Job, document.Task, document.Sequence, document.Created, tickets,
            [.. document.Uses.Select(use => new StatusUse(use.TicketId, use.Dsn, use.Action, use.Time))], cocs.Verify(document.Cocs, document.Uses), end);
    }

    /// <summary>What the audit log says of a verified status: the task, its sequence, its counts and the CoCs' verdicts (never a key).</summary>
    public static string Describe(VerifiedJobStatus status)
    {
        var verdicts = status.Cocs.GroupBy(coc => coc.Verdict).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Count()} {group.Key}");
        return $"task {status.RequestId}, status {status.Sequence}, {status.Tickets.Count} ticket(s), {status.Tickets.Sum(ticket => ticket.Used)} use(s), " +
               $"{status.Cocs.Count} CoC(s)" + (status.Cocs.Count > 0 ? $" ({string.Join(", ", verdicts)})" : string.Empty) +
               (status.End is { } end ? $", ended{(end.Terminated ? " (terminated)" : string.Empty)}: tickets deleted" : string.Empty);
    }

    // The certifier stands on its own signature, by the bound M-HSM, and must state the status's own final counts.
    private static StatusEnd CheckEnd(SignedEndCertifier signed, BoundManufacturer bound, IReadOnlyList<StatusTicket> tickets)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(bound.IdentityPublicKey, out _);
        if (signed.Certifier is null || signed.Signature is null || !key.VerifyData(signed.Certifier, signed.Signature, HashAlgorithmName.SHA384))
        {
            throw new HsmException("BAD_CERTIFIER", $"The Job End Certifier in the job status of task {bound.RequestId} is not signed by M-HSM {bound.MHsmUuid}: it was altered or forged.");
        }

        JobEndCertifier certifier;
        try
        {
            certifier = JsonSerializer.Deserialize<JobEndCertifier>(StrictJson.Parse(signed.Certifier), HsmJson.Options) ?? throw new JsonException("it is empty");
        }
        catch (JsonException error)
        {
            throw new HsmException("BAD_CERTIFIER", $"The Job End Certifier in the job status of task {bound.RequestId} cannot be read: {error.Message.TrimEnd('.')}.");
        }

        var stated = tickets.Select(ticket => (ticket.TicketId, ticket.MaxDevices, ticket.Used));
        if (certifier.RequestId != bound.RequestId || certifier.MHsmUuid != bound.MHsmUuid || !certifier.TicketsDeleted
            || certifier.Tickets is null || !certifier.Tickets.Select(ticket => (ticket.TicketId, ticket.MaxDevices, ticket.Used)).SequenceEqual(stated))
        {
            throw new HsmException("BAD_CERTIFIER",
                $"The Job End Certifier in the job status of task {bound.RequestId} is not this task's end by M-HSM {bound.MHsmUuid} with the status's final counts and its tickets deleted.");
        }

        return new StatusEnd(certifier.EndedAt, certifier.Terminated, certifier.TicketsDeleted);
    }

    // Every part is checked present, and copied, before any is used (a request arrives as JSON from any enrolled client).
    private static JobStatusCheck Snapshot(JobStatusCheck check)
    {
        if (check.Request is null || check.Reply is null || check.MHsmUuid is null || check.Status is null || check.Targets is null
            || check.Targets.Any(target => target?.Name is null || target.Keyset is null || target.ComponentDigests is null || target.ComponentDigests.Any(digest => digest?.Length != 32)))
        {
            throw new HsmException("BADREQUEST",
                "The job status check is incomplete: it needs the task's request and reply, the bound M-HSM, the status, and per target that gives CoCs its name, keyset and SHA-256 component digests.");
        }

        return check with
        {
            Request = check.Request.ToArray(),
            Reply = check.Reply.ToArray(),
            Status = check.Status.ToArray(),
            Targets = [.. check.Targets.Select(target => target with { ComponentDigests = [.. target.ComponentDigests.Select(digest => digest.ToArray())] })],
        };
    }
}
