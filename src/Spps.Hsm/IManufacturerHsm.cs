using Spps.Hsm.Protocol;

namespace Spps.Hsm;

/// <summary>
/// The manufacturer-HSM (M-HSM) role as its callers see it: the module that processes job requests, holds the
/// tickets' counters and answers for the devices a contract manufacturer programs (docs/security.md).
/// </summary>
public interface IManufacturerHsm : IHsmRole
{
    /// <summary>
    /// Checks a <c>spps-job-request</c> container (signed by a U-HSM of this module's security world, never processed
    /// here before), stores its tickets with their counters and a fresh task key, and answers with a signed reply.
    /// </summary>
    ProcessedJobRequest ProcessJobRequest(byte[] request);

    /// <summary>Every ticket the module holds.</summary>
    IReadOnlyList<TicketRecord> ListTickets();

    /// <summary>
    /// Removes the named tickets, or every ticket when <paramref name="ticketIds"/> is null; an unknown id is refused
    /// and nothing is removed. Returns the ids removed.
    /// </summary>
    IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds);

    /// <summary>
    /// One ticketed action on one device (docs/production.md): checks the task's sealed secrets, the ticket, the
    /// device's certificate, user key statement and challenge, spends the ticket durably, then answers with the
    /// device's authorisation code. A refusal spends nothing.
    /// </summary>
    DeviceAuthorization AuthorizeDeviceAction(DeviceAuthorizationRequest request);

    /// <summary>The task's job status, signed by this M-HSM, with the next sequence number and the CoCs as given.</summary>
    JobStatusReport MakeJobStatus(string requestId, IReadOnlyList<byte[]> cocs);

    /// <summary>
    /// Ends the task: removes its tickets and task key, records the end and answers with the final status carrying the
    /// Job End Certifier. Refused while a ticket has devices left unless <paramref name="terminate"/>.
    /// </summary>
    JobStatusReport EndTask(string requestId, bool terminate, IReadOnlyList<byte[]> cocs);
}
