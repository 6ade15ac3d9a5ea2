namespace Spps.Hsm.Protocol;

/// <summary>A job request as the U-HSM signed it: the request id it chose and the <c>spps-job-request</c> container's bytes.</summary>
public sealed record SignedJobRequest(string RequestId, byte[] Container);
