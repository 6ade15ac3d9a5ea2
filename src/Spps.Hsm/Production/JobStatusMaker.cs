using System.Security.Cryptography;
using System.Text.Json;
using Spps.Hsm.Handshake;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;
using Spps.Hsm.Worlds;

namespace Spps.Hsm.Production;

/// <summary>
/// Makes a task's job status, and ends a task (docs/production.md): the store counts the status's sequence number (and
/// records the end, deleting the tickets and the task key) in one transaction; the status is then signed as a
/// <c>spps-job-status</c> container by the M-HSM's identity key, with the CoCs as the station gave them. A status made
/// after the end carries the end certifier again, so a certifier lost to a crash after the end is never lost for good.
/// </summary>
internal sealed class JobStatusMaker(HsmModule module)
{
    /// <summary>At most this many CoCs, of at most <see cref="CocBytes"/> each, travel in one status (a job's devices).</summary>
    public const int MaximumCocs = 100_000;
    public const int CocBytes = 4096;

    /// <summary>
    /// The CoCs' bytes in all: 100,000 CoCs of 251 bytes on average (a two-component Initiator's is 128), so that every
    /// status this module signs fits the part its readers take whole (<see cref="JobStatusFile.MaximumDocumentBytes"/>).
    /// </summary>
    public const int MaximumCocBytesInAll = 24 << 20;

    public JobStatusReport Status(string requestId, IReadOnlyList<byte[]> cocs)
    {
        var checkedCocs = Check(requestId, cocs);
        return Sign(module.Store.NextStatus(requestId), checkedCocs);
    }

    public JobStatusReport End(string requestId, bool terminate, IReadOnlyList<byte[]> cocs)
    {
        var checkedCocs = Check(requestId, cocs);
        return Sign(module.Store.EndTask(requestId, terminate, DateTimeOffset.UtcNow), checkedCocs);
    }

    /// <summary>What the audit log says of a status: the task, its sequence, and whether it ended.</summary>
    public static string Describe(JobStatusReport report) =>
        $"task {report.RequestId}, status {report.Sequence}, {report.Tickets.Count} ticket(s), {report.Tickets.Sum(ticket => ticket.Used)} use(s)" +
        (report.Ended ? ", ended: tickets deleted" : string.Empty);

    private static List<byte[]> Check(string requestId, IReadOnlyList<byte[]> cocs)
    {
        if (!JobRequestRules.IsId(requestId))
        {
            throw new HsmException("BADVALUE", $"The request id {HandshakeContainer.Quote(requestId ?? "null")} is not a task's request id (32 lower-case hex digits).");
        }

        if (cocs is null || cocs.Count > MaximumCocs || cocs.Any(coc => coc is null || coc.Length is 0 or > CocBytes))
        {
            throw new HsmException("BADVALUE",
                $"A job status carries at most {MaximumCocs} certificates of conformance, each of 1 to {CocBytes} bytes; {cocs?.Count ?? 0} were given, not all of that size.");
        }

        var inAll = cocs.Sum(coc => (long)coc.Length);
        if (inAll > MaximumCocBytesInAll)
        {
            throw new HsmException("BADVALUE",
                $"A job status carries certificates of conformance of at most {MaximumCocBytesInAll} bytes in all, so that its readers can take it whole; {cocs.Count} of {inAll} bytes were given.");
        }

        return [.. cocs.Select(coc => coc.ToArray())];
    }

    private JobStatusReport Sign(TaskProgress progress, List<byte[]> cocs)
    {
        var created = DateTimeOffset.UtcNow;
        var mHsm = module.Identity.MHsmUuid;
        using var identity = module.IdentityKey(CertifiedKey.ManufacturerRole);
        var certifier = progress.End is { } end ? Certify(progress, end, identity) : null;
        var tickets = progress.Tickets.Select(ticket => new TicketStatus(ticket.TicketId, ticket.TicketName, ticket.Action, ticket.Device, ticket.Die,
            ticket.MaxDevices, ticket.Used, ticket.MaxDevices - ticket.Used)).ToList();
        var document = new JobStatusDocument(progress.RequestId, progress.JobName, progress.TaskName, progress.UHsmUuid, mHsm, module.World.Id, progress.Sequence, created,
            tickets, progress.Uses, cocs, certifier);
        var container = HandshakeContainer.Write(JobStatusDocument.Type, JobStatusDocument.DocumentPart, document, JobStatusDocument.CertificatePart,
            module.Certificate(CertifiedKey.ManufacturerRole), identity, created);
        return new JobStatusReport(progress.RequestId, progress.Sequence, progress.End is not null, progress.Tickets, container);
    }

    private SignedEndCertifier Certify(TaskProgress progress, TaskEnd end, ECDsa identity)
    {
        var certifier = new JobEndCertifier(progress.RequestId, module.Identity.MHsmUuid, end.EndedAt, end.Terminated, TicketsDeleted: true,
            [.. progress.Tickets.Select(ticket => new TicketCount(ticket.TicketId, ticket.MaxDevices, ticket.Used))]);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(certifier, HsmJson.Options);
        return new SignedEndCertifier(bytes, identity.SignData(bytes, HashAlgorithmName.SHA384));
    }
}
