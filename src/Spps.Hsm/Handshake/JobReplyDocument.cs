namespace Spps.Hsm.Handshake;

/// <summary>
/// <c>reply.json</c> of a <c>spps-job-reply</c>: which request it answers (id and the SHA-256 of the request container's
/// bytes, hex), the M-HSM and its world, the task's key agreement public key (ECDH P-384, SubjectPublicKeyInfo DER) and
/// the ticket ids it now holds, in the request's order (docs/formats/job-reply.md).
/// </summary>
internal sealed record JobReplyDocument(string RequestId, string RequestDigest, string MHsmUuid, string World, byte[] TaskPublicKey, IReadOnlyList<string> TicketIds)
{
    public const string Type = "spps-job-reply";
    public const string DocumentPart = "reply.json";
    public const string CertificatePart = "m-hsm.cert";
}
