using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>The manufacturer-HSM role of a module, acting for a client named in the audit log.</summary>
internal sealed class ManufacturerHsmRole(HsmModule module) : IManufacturerHsm
{
    public ModuleInfo GetInfo() => module.Info();

    public ProcessedJobRequest ProcessJobRequest(byte[] request) => throw HsmNotYet.Refusal("process_job_request");

    public IReadOnlyList<TicketRecord> ListTickets() => throw HsmNotYet.Refusal("list_tickets");

    public IReadOnlyList<string> RemoveTickets(IReadOnlyList<string>? ticketIds) => throw HsmNotYet.Refusal("remove_tickets");

    public void Dispose()
    {
        // An embedded role holds nothing beyond the module.
    }
}
