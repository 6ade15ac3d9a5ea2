namespace Spps.Hsm.Protocol;

/// <summary>
/// Asks the M-HSM to end a task (<c>complete_prog_job</c>): its tickets and task key are removed and the status gets a
/// Job End Certifier. Refused while a ticket has devices left unless <see cref="Terminate"/>.
/// </summary>
public sealed record JobEndRequest(string RequestId, bool Terminate, IReadOnlyList<byte[]> Cocs);
