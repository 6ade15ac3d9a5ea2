namespace Spps.Hsm.Protocol;

/// <summary>The body of <c>process_job_request</c>: the <c>spps-job-request</c> container's bytes as the M-HSM received them.</summary>
public sealed record JobRequestSubmission(byte[] Request);
