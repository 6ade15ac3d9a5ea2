namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the M-HSM for a task's signed job status: the task's request id and the certificates of conformance the
/// station collected from the devices (each as the device made it; the status carries them as given).
/// </summary>
public sealed record JobStatusRequest(string RequestId, IReadOnlyList<byte[]> Cocs);
