namespace Spps.Hsm.Protocol;

/// <summary>The body of <c>verify_job_reply</c>: a job request container this U-HSM signed and the M-HSM's reply container.</summary>
public sealed record JobReplyCheck(byte[] Request, byte[] Reply);
