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
}
