namespace Spps.Hsm.Store;

/// <summary>A job request the manufacturer role accepted: its id, the U-HSM that signed it, the SHA-256 of its container (hex), its job and task.</summary>
internal sealed record ProcessedRequest(string RequestId, string UHsmUuid, string RequestDigest, string JobName, string TaskName, DateTimeOffset Received);
