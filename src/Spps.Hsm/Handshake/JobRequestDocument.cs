using Spps.Hsm.Protocol;

namespace Spps.Hsm.Handshake;

/// <summary>
/// <c>request.json</c> of a <c>spps-job-request</c>: the request id the U-HSM chose, its world and UUID, the job and
/// task, and the tickets (docs/formats/job-request.md).
/// </summary>
internal sealed record JobRequestDocument(string RequestId, string World, string UHsmUuid, string Job, string Task, IReadOnlyList<RequestedTicket> Tickets)
{
    public const string Type = "spps-job-request";
    public const string DocumentPart = "request.json";
    public const string CertificatePart = "u-hsm.cert";
}
